// Bytes of an HTML or XML document to text, choosing the charset the way
// browsers do. Used for fetched pages and for files given to `monitor extract`.

const CHARSET_PARAM = /charset\s*=\s*["']?\s*([\w.:-]+)/i;
const XML_ENCODING = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i;
const META_CHARSET = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i;
const SNIFF_BYTES = 4096;

function decoderFor(bytes: Buffer, contentType: string): TextDecoder {
  const declared = byteOrderMark(bytes) ?? CHARSET_PARAM.exec(contentType)?.[1] ?? declaredInDocument(bytes);
  if (declared) {
    try {
      return new TextDecoder(declared);
    } catch {
      // An unknown label is the page's mistake; UTF-8 is the web's default.
    }
  }
  return new TextDecoder('utf-8');
}

/** Charset by the HTML rules, in order: byte-order mark, Content-Type, the document's own declaration, UTF-8. */
export function decodeText(bytes: Buffer, contentType: string): string {
  const decoder = decoderFor(bytes, contentType);
  return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
}

/**
 * Whether the text decodeText gives is these very bytes read as UTF-8, character for character
 * (no byte-order mark dropped): then a stretch of the text is found in the bytes as its UTF-8.
 */
export function decodesAsUtf8(bytes: Buffer, contentType: string): boolean {
  return byteOrderMark(bytes) === undefined && decoderFor(bytes, contentType).encoding === 'utf-8';
}

// Bytes 0x80-0x9F of windows-1252 (curly quotes, dashes, the euro sign). Node 20's
// TextDecoder decodes this encoding as ISO-8859-1, turning them into control characters.
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d,
  0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  return text.replace(/[\x80-\x9f]/g, (char) => String.fromCharCode(WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80] ?? 0xfffd));
}

function byteOrderMark(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

function declaredInDocument(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, SNIFF_BYTES).toString('latin1');
  const label = XML_ENCODING.exec(head)?.[1] ?? META_CHARSET.exec(head)?.[1];
  // A document that could be read as ASCII to find this label cannot really be UTF-16.
  return label && /^utf-?16/i.test(label) ? 'utf-8' : label;
}
