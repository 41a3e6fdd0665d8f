import { describe, expect, it } from 'vitest';
import { articleKey, hostSource, normaliseUrl } from '../../lambdas/domain/url';
import { InvalidUrlError } from '../../lambdas/errors';

describe('article URLs', () => {
  it('drops fragments and tracking parameters and keeps the rest', () => {
    expect(normaliseUrl('HTTPS://WWW.Example.com:443/news/story?id=7&utm_source=x&fbclid=abc#comments')).toBe('https://www.example.com/news/story?id=7');
  });

  it('gives one key per normalised URL', () => {
    expect(articleKey(normaliseUrl('https://example.com/a?utm_medium=email'))).toBe(articleKey(normaliseUrl('https://example.com/a')));
    expect(articleKey('https://example.com/a')).not.toBe(articleKey('https://example.com/b'));
  });

  it.each([
    ['not a url', /not a URL/],
    ['ftp://example.com/file', /only http and https/],
    ['javascript:alert(1)', /only http and https/],
    ['file:///etc/passwd', /only http and https/],
    ['https://user:secret@example.com/', /credentials/],
    [`https://example.com/story?q=${'a'.repeat(1100)}`, /too long/],
    [`https://example.com/${'é'.repeat(200)}`, /too long/],
  ])('refuses %s with a clear message', (input, message) => {
    expect(() => normaliseUrl(input)).toThrow(InvalidUrlError);
    expect(() => normaliseUrl(input)).toThrow(message);
  });

  it('names the source after the host', () => {
    expect(hostSource('https://www.npr.org/2016/07/15/story')).toBe('npr.org');
  });
});
