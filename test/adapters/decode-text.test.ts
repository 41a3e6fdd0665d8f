// Which pages can be signed on their bytes: those whose text is their bytes read as UTF-8.
import { describe, expect, it } from 'vitest';
import { decodesAsUtf8, decodeText } from '../../lambdas/adapters/decode-text';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('decodesAsUtf8', () => {
  it('holds for a UTF-8 page, declared or not, whose text re-encodes to the same bytes', () => {
    const page = utf8('<html><head><meta charset="utf-8"></head><body><p>Grüße — “quoted”</p></body></html>');
    expect(decodesAsUtf8(page, 'text/html; charset=utf-8')).toBe(true);
    expect(decodesAsUtf8(page, 'text/html')).toBe(true);
    expect(Buffer.from(decodeText(page, 'text/html'), 'utf8').equals(page)).toBe(true);
  });

  it('does not hold for a page in another charset, or one whose byte-order mark the text drops', () => {
    const latin = Buffer.from('<p>caf\xe9 \x93quoted\x94</p>', 'latin1');
    expect(decodesAsUtf8(latin, 'text/html; charset=windows-1252')).toBe(false);
    expect(decodesAsUtf8(Buffer.from('<meta charset="iso-8859-1"><p>caf\xe9</p>', 'latin1'), 'text/html')).toBe(false);
    const withMark = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('<p>Grüße</p>')]);
    expect(decodesAsUtf8(withMark, 'text/html')).toBe(false);
    expect(decodeText(withMark, 'text/html')).toBe('<p>Grüße</p>');
  });
});
