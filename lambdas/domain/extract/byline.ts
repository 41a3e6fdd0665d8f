// Who wrote it: people first (JSON-LD authors, author meta tags, the byline
// on the page), organisations only when no person is named.
import { decodeEntities } from './entities';
import { normaliseSpace } from './text';

const BY_PREFIX = /^(?:by|written by|words by|reporting by|von|par|por|door|di)\s*[:-]?\s+/i;
const URL_LIKE = /^(?:https?:\/\/|www\.)|\.(?:com|org|net)\b\//i;
// Trailing role or date furniture: "Jane Doe, Staff Writer | July 14, 2016".
const TRAILER = /\s*(?:[|•·]|\s[-–—]\s).*$/;

function cleanName(raw: string): string {
  let name = normaliseSpace(decodeEntities(raw));
  if (URL_LIKE.test(name)) return '';
  name = name.replace(BY_PREFIX, '').replace(TRAILER, '').trim();
  if (name.length > 120 || name.length < 2) return '';
  // A name has letters; "-" or "0" are template leftovers.
  return /\p{L}/u.test(name) ? name : '';
}

function joinNames(names: string[]): string {
  const unique: string[] = [];
  const seen = new Set<string>();
  for (const raw of names) {
    const name = cleanName(raw);
    const key = name.toLowerCase();
    if (name === '' || seen.has(key)) continue;
    seen.add(key);
    unique.push(name);
  }
  return unique.slice(0, 6).join(', ');
}

export function chooseByline(sources: { jsonLdPeople: string[]; metaAuthors: string[]; pageBylines: string[]; organisations: string[] }): string {
  return joinNames(sources.jsonLdPeople) || joinNames(sources.metaAuthors) || joinNames(sources.pageBylines.slice(0, 1)) || joinNames(sources.organisations);
}
