// What a change subscriber receives: a subject an inbox can show, a JSON body a
// program can read, and attributes an SNS filter policy can match on. The title
// comes from a stranger's page, so it is made into one plain line before it
// reaches anyone's mail client.
import { changeJson } from '../domain/json';
import type { ChangeJson, ChangeRecord } from '../domain/types';
import type { ChangeNotification } from '../ports';
import { absoluteLink, articlePath, diffPath } from '../domain/site-links';

/** SNS wants a subject "less than 100 characters long". */
const MAX_SUBJECT_CHARS = 99;
/**
 * SNS refuses a batch whose messages add up to more than 256 KB; a bounded title
 * keeps each body small enough that ten of them always fit.
 */
const MAX_BODY_TITLE_CHARS = 1_000;

interface ChangeMessageBody extends ChangeJson {
  title: string;
  /** The article's version history on the site. */
  articleUrl?: string;
  /** The side-by-side diff of the two versions; absent for status changes that have no new version. */
  diffUrl?: string;
}

// Control characters, line and paragraph separators: anything that would break the subject line.
const LINE_BREAKING = /[\p{Cc}\p{Zl}\p{Zp}]/gu;
// Invisible format characters (bidi overrides, zero-width marks) and lone surrogates, which can disguise or corrupt a title.
const INVISIBLE = /[\p{Cf}]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/** One line of visible text, whitespace runs collapsed. */
function plainLine(text: string): string {
  return text.replace(INVISIBLE, '').replace(LINE_BREAKING, ' ').replace(/\s+/gu, ' ').trim();
}

/** At most `maxChars` UTF-16 units, never splitting a character, with an ellipsis when cut. */
function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let kept = '';
  for (const character of text) {
    if (kept.length + character.length > maxChars - 1) break;
    kept += character;
  }
  return `${kept.trimEnd()}…`;
}

function headline(change: ChangeRecord): string {
  if (change.kinds.includes('removed')) return 'Removed';
  if (change.kinds.includes('restored')) return 'Restored';
  if (change.kinds.includes('url-changed')) return 'Moved';
  if (change.stealth) return 'Stealth edit';
  if (change.kinds.includes('correction')) return 'Corrected';
  return 'Changed';
}

function notificationSubject(change: ChangeRecord): string {
  const title = plainLine(change.title) || plainLine(change.url);
  return truncate(`${headline(change)}: ${title}`, MAX_SUBJECT_CHARS);
}

/** `baseUrl` is the site's origin, as configuredBaseUrl returns it; links are left out without one. */
function notificationBody(change: ChangeRecord, baseUrl: string | undefined): ChangeMessageBody {
  const body: ChangeMessageBody = { ...changeJson(change), title: truncate(change.title, MAX_BODY_TITLE_CHARS) };
  if (baseUrl !== undefined) {
    body.articleUrl = absoluteLink(baseUrl, articlePath(change.url));
    if (change.from !== change.to) body.diffUrl = absoluteLink(baseUrl, diffPath(change.url, change.from, change.to));
  }
  return body;
}

export function changeNotification(change: ChangeRecord, baseUrl: string | undefined): ChangeNotification {
  return {
    subject: notificationSubject(change),
    body: JSON.stringify(notificationBody(change, baseUrl)),
    attributes: {
      kinds: change.kinds,
      stealth: change.stealth,
      source: change.source,
      significance: change.significance,
    },
  };
}
