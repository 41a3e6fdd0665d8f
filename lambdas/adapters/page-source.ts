// Reading a page given as text or as the bytes it was fetched as: the bytes are decoded here, on
// whichever thread reads the page, so the event loop of a local run never decodes a page it
// does not have to (a page whose signature holds is never decoded at all).
import { type PageReading, readPage } from '../domain/page-reading';
import type { ExtractionRules } from '../domain/types';
import type { PageSource } from '../ports';
import { decodesAsUtf8, decodeText } from './decode-text';
import { threadCpuClock } from './thread-cpu-clock';

export function readPageSource(page: PageSource, url: string, rules: ExtractionRules | undefined): PageReading {
  if ('text' in page) return readPage(page.text, url, rules, { cpuClock: threadCpuClock });
  // Across a thread the bytes arrive as a plain Uint8Array.
  const bytes = Buffer.from(page.bytes.buffer, page.bytes.byteOffset, page.bytes.byteLength);
  // A signature is checked on the page's bytes as its text's UTF-8: for a page in another charset they would never match.
  return readPage(decodeText(bytes, page.contentType), url, rules, {
    signable: decodesAsUtf8(bytes, page.contentType),
    cpuClock: threadCpuClock,
  });
}
