// What a response body really is, when its Content-Type is missing or wrong:
// the WHATWG MIME-sniffing signatures for the binary formats a server hands
// out by mistake, and its rule that a control byte means binary data. Text
// decoded from such bytes is thousands of U+FFFD, never an article.

interface Signature {
  what: string;
  bytes: number[];
  /** Where in the body the bytes start. */
  at?: number;
}

const SIGNATURES: Signature[] = [
  { what: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { what: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { what: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { what: 'a WebP image', bytes: [0x57, 0x45, 0x42, 0x50], at: 8 },
  { what: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { what: 'a PostScript document', bytes: [0x25, 0x21, 0x50, 0x53, 0x2d, 0x41, 0x64, 0x6f, 0x62, 0x65, 0x2d] },
  { what: 'a ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { what: 'gzip data', bytes: [0x1f, 0x8b, 0x08] },
  { what: 'a RAR archive', bytes: [0x52, 0x61, 0x72, 0x20, 0x1a, 0x07, 0x00] },
  { what: 'an MP4 video', bytes: [0x66, 0x74, 0x79, 0x70], at: 4 },
  { what: 'a WebM video', bytes: [0x1a, 0x45, 0xdf, 0xa3] },
  { what: 'an MP3 file', bytes: [0x49, 0x44, 0x33] },
  { what: 'an Ogg file', bytes: [0x4f, 0x67, 0x67, 0x53, 0x00] },
  { what: 'a WAVE file', bytes: [0x57, 0x41, 0x56, 0x45], at: 8 },
  { what: 'a WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { what: 'a font', bytes: [0x77, 0x4f, 0x46, 0x46] },
  { what: 'a font', bytes: [0x77, 0x4f, 0x46, 0x32] },
];

/** Bytes looked at, as the sniffing standard does for its binary-data rule (1445), rounded up. */
const SNIFF_BYTES = 2048;

function startsWith(body: Buffer, signature: Signature): boolean {
  const at = signature.at ?? 0;
  if (body.length < at + signature.bytes.length) return false;
  return signature.bytes.every((byte, i) => body[at + i] === byte);
}

/** Control bytes no text document contains (tab, newlines, form feed, carriage return and escape are allowed). */
function isBinaryDataByte(byte: number): boolean {
  return byte <= 0x08 || byte === 0x0b || (byte >= 0x0e && byte <= 0x1a) || (byte >= 0x1c && byte <= 0x1f);
}

function hasUtf16Bom(body: Buffer): boolean {
  return (body[0] === 0xfe && body[1] === 0xff) || (body[0] === 0xff && body[1] === 0xfe);
}

/** What kind of binary file the body is ("a PNG image", "binary data"), or null when it may be text. */
export function binaryKind(body: Buffer): string | null {
  const signature = SIGNATURES.find((candidate) => startsWith(body, candidate));
  if (signature) return signature.what;
  // UTF-16 text is full of zero bytes; its byte-order mark says so.
  if (hasUtf16Bom(body)) return null;
  const head = body.subarray(0, SNIFF_BYTES);
  for (const byte of head) if (isBinaryDataByte(byte)) return 'binary data';
  return null;
}
