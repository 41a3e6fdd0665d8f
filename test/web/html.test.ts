import { describe, expect, it } from 'vitest';
import { sitePath } from '../../lambdas/domain/site-links';
import { escapeHtml, externalLink, html, raw, safeExternalHref } from '../../lambdas/web/html';

describe('HTML escaping', () => {
  it('escapes every character that could open a tag or leave an attribute', () => {
    expect(escapeHtml(`<script>alert(1)</script>"'&`)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
  });

  it('escapes interpolated strings, nested arrays included, but keeps trusted markup', () => {
    const title = '<img src=x onerror=alert(1)>';
    const out = html`<p title="${title}">${[title, html`<b>${title}</b>`]}${raw('<hr>')}</p>`.value;
    expect(out).not.toContain('<img');
    expect(out).toContain('<b>&lt;img src=x onerror=alert(1)&gt;</b>');
    expect(out).toContain('<hr>');
    expect(out).toContain('title="&lt;img src=x onerror=alert(1)&gt;"');
  });

  it('renders null, undefined and false as nothing so conditions read naturally', () => {
    expect(html`a${null}b${undefined}c${false}d`.value).toBe('abcd');
  });
});

describe('links from stored URLs', () => {
  it('only http and https URLs become link targets', () => {
    expect(safeExternalHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeExternalHref('javascript:alert(1)')).toBeNull();
    expect(safeExternalHref('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeExternalHref('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeExternalHref('not a url')).toBeNull();
  });

  it('shows an unsafe URL as escaped text, not a link', () => {
    const out = externalLink('javascript:alert("x")').value;
    expect(out).not.toContain('href');
    expect(out).toContain('javascript:alert(&quot;x&quot;)');
  });

  it('builds site paths with every parameter encoded', () => {
    expect(sitePath('/article', { url: 'https://a.example/?x=1&y=2', from: 0, to: undefined })).toBe(
      '/article?url=https%3A%2F%2Fa.example%2F%3Fx%3D1%26y%3D2&from=0',
    );
  });
});
