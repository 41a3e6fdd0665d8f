// Dates as pages state them, to ISO 8601 (UTC). Anything that does not read
// as a real calendar date is dropped rather than guessed at.

const HAS_ZONE = /(?:Z|GMT|UTC|[+-]\d{2}:?\d{2}|\b(?!AM\b|PM\b)[A-Z]{2,5})\s*$/;
const ISO_LIKE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?Z?$/;
// Years outside this range are typos or placeholders (0001-01-01, 9999-12-31).
const EARLIEST = Date.UTC(1990, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

function fromCompact(text: string): number {
  const match = COMPACT.exec(text);
  if (!match) return NaN;
  const [, year, month, day, hour, minute, second] = match;
  return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0));
}

export function toIsoDate(value: string): string | null {
  const text = value.trim();
  if (text === '' || text.length > 64) return null;
  let time: number;
  if (ISO_LIKE.test(text)) {
    // "2016-07-14 10:00:00+0000" is common; Date.parse wants the T and a colon in the offset.
    let normalised = text
      .replace(' ', 'T')
      .replace(/\s*(UTC|GMT)$/i, 'Z')
      .replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    // A time with no zone is read as UTC, so the result never depends on the machine's time zone.
    if (normalised.length > 10 && !/(?:Z|[+-]\d{2}:\d{2})$/i.test(normalised)) normalised += 'Z';
    time = Date.parse(normalised);
  } else if (COMPACT.test(text)) {
    time = fromCompact(text);
  } else {
    // Written dates ("July 14, 2016 10:00 AM EDT", RFC 2822) as far as the platform reads them.
    time = Date.parse(text);
    // The platform reads a zone-less written date in local time; undo that for the same reason as above.
    if (Number.isFinite(time) && !HAS_ZONE.test(text)) time -= new Date(time).getTimezoneOffset() * 60_000;
  }
  if (!Number.isFinite(time) || time < EARLIEST || time >= LATEST) return null;
  return new Date(time).toISOString();
}
