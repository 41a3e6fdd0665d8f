// Whether a fetched page can stand as a version of the article at all. A
// 200 response is often not the article: an error page, a consent or bot
// wall, a paywall stub, or a page whose extraction collapsed. None of those
// may ever become a version.
import { anyOf, compile, inOrderSource, phrasesSource, type PhrasesInOrder } from './extract/vocabulary/notation';
import { errorPageSigns, errorTitleOpenings, pageWalls } from './extract/vocabulary/page-walls';

export type PageVerdict =
  | { kind: 'article' }
  /** Never a version; the reason is shown to operators. */
  | { kind: 'rejected'; reason: string }
  /** Much shorter than the last version: only recorded if the next check sees it again. */
  | { kind: 'shrunk'; ratio: number };

/** Below this many characters of body text, a page is not an article. */
const MIN_ARTICLE_CHARS = 200;
/**
 * More body text than any article has: a page dump, not a story. It also keeps
 * a version (gzipped) well inside DynamoDB's 400 KB item limit.
 */
const MAX_ARTICLE_CHARS = 600_000;
/** A version this fraction of the previous length or less is a drastic shrink. */
const SHRINK_RATIO = 0.4;

function signsMatcher(signs: { phrases: readonly string[]; inOrder?: readonly PhrasesInOrder[] }): RegExp {
  return compile([phrasesSource(signs.phrases), ...(signs.inOrder ?? []).map(inOrderSource)].join('|'));
}

const WALLS: Array<[RegExp, string]> = pageWalls.map((wall) => [signsMatcher(wall), wall.reason]);

const ERROR_TITLE = compile(`^\\s*(?:${anyOf(errorTitleOpenings)}|(?:http\\s*)?[45]\\d\\d)\\b`);
const ERROR_BODY = signsMatcher(errorPageSigns);

/** Each list's compiled matcher, by the rule it serves (for the vocabulary tests). */
export const pageSignMatchers = { walls: WALLS, errorTitle: ERROR_TITLE, errorBody: ERROR_BODY } as const;

/**
 * @param previousChars length of the latest recorded version's text, or null before version 0.
 */
export function judgePage(page: { title: string; text: string }, previousChars: number | null): PageVerdict {
  const chars = page.text.length;
  const shortPage = chars < 1500;
  if (shortPage) {
    const sample = `${page.title}\n${page.text}`;
    for (const [pattern, reason] of WALLS) {
      if (pattern.test(sample)) return { kind: 'rejected', reason: `looks like a ${reason}` };
    }
    if (ERROR_TITLE.test(page.title) || ERROR_BODY.test(page.text)) {
      return { kind: 'rejected', reason: 'looks like an error page' };
    }
  }
  if (chars > MAX_ARTICLE_CHARS) return { kind: 'rejected', reason: `${chars} characters of text is too long to be one article` };
  if (chars < MIN_ARTICLE_CHARS) return { kind: 'rejected', reason: `extraction collapsed to ${chars} characters` };
  if (previousChars !== null && previousChars > 0 && chars <= previousChars * SHRINK_RATIO) {
    return { kind: 'shrunk', ratio: chars / previousChars };
  }
  return { kind: 'article' };
}
