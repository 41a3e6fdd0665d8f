// The headline. The page's own <h1> is what readers see, the meta and
// JSON-LD headlines are what the publisher declares, and <title> carries the
// site name; the visible one wins when the declared ones agree with it.
import { decodeEntities } from './entities';
import { normaliseSpace } from './text';

const SEPARATOR = /\s+[|\-–—·•:»]\s+|\s*::\s*/;

function comparable(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function agrees(a: string, b: string): boolean {
  const x = comparable(a);
  const y = comparable(b);
  if (x === '' || y === '') return false;
  return x === y || (x.length >= 15 && y.includes(x)) || (y.length >= 15 && x.includes(y));
}

/** "Story headline | Site Name" to "Story headline". */
function withoutSiteName(title: string, siteName: string): string {
  const parts = title
    .split(SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length < 2) return title;
  const site = comparable(siteName);
  const kept = parts.filter((part) => site === '' || comparable(part) !== site);
  // The headline is the longest part; site and section names are short.
  const longest = kept.reduce((best, part) => (part.length > best.length ? part : best), '');
  return longest.split(/\s+/).length >= 3 ? longest : title;
}

export function chooseTitle(declared: string[], titleTag: string, headings: string[], siteName: string): string {
  const clean = (text: string): string => normaliseSpace(decodeEntities(text));
  const declaredTitles = declared.map(clean).filter((text) => text !== '');
  const visible = headings.map(clean).filter((text) => text !== '');
  for (const heading of visible) {
    if (declaredTitles.some((title) => agrees(title, heading)) || agrees(withoutSiteName(clean(titleTag), siteName), heading)) return heading;
  }
  if (declaredTitles[0]) return withoutSiteName(declaredTitles[0], siteName);
  const fromTag = clean(titleTag);
  if (fromTag) return withoutSiteName(fromTag, siteName);
  return visible[0] ?? '';
}
