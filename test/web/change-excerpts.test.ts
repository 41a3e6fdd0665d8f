import { describe, expect, it } from 'vitest';
import { renderExcerpts } from '../../lambdas/web/change-excerpts';

describe('change excerpts', () => {
  it('marks only the edited words, so a changed number stands out', () => {
    const out = String(
      renderExcerpts([
        {
          before: 'Aid reaches 18 besieged areas, where an estimated 590,000 people live.',
          after: 'Aid reaches 18 besieged areas, where an estimated 640,000 people live.',
        },
      ]),
    );
    expect(out).toMatch(/<del>590,000<\/del>/);
    expect(out).toMatch(/<ins>640,000<\/ins>/);
    expect(out).toContain('Aid reaches 18 besieged areas');
    expect(out).not.toMatch(/<del>[^<]*Aid reaches/);
  });

  it('shows an added or removed paragraph whole, and escapes what came from the page', () => {
    const out = String(
      renderExcerpts([
        { before: '', after: 'Correction: <script>alert(1)</script>' },
        { before: 'Gone & forgotten', after: '' },
      ]),
    );
    expect(out).toContain('<ins>Correction: &lt;script&gt;alert(1)&lt;/script&gt;</ins>');
    expect(out).toContain('<del>Gone &amp; forgotten</del>');
    expect(out).not.toContain('<script>');
  });
});
