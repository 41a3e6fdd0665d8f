// Whether a fetched page can stand as a version of the article at all. A
// 200 response is often not the article: an error page, a consent or bot
// wall, a paywall stub, or a page whose extraction collapsed. None of those
// may ever become a version.

export type PageVerdict =
  | { kind: 'article' }
  /** Never a version; the reason is shown to operators. */
  | { kind: 'rejected'; reason: string }
  /** Much shorter than the last version: only recorded if the next check sees it again. */
  | { kind: 'shrunk'; ratio: number };

/** Below this many characters of body text, a page is not an article. */
export const MIN_ARTICLE_CHARS = 200;
/**
 * More body text than any article has: a page dump, not a story. It also keeps
 * a version (gzipped) well inside DynamoDB's 400 KB item limit.
 */
export const MAX_ARTICLE_CHARS = 600_000;
/** A version this fraction of the previous length or less is a drastic shrink. */
export const SHRINK_RATIO = 0.4;

const WALL_PATTERNS: Array<[RegExp, string]> = [
  [/\b(verify|prove|confirm) (that )?you are (a )?human\b|\bare you a robot\b|\bnot a robot\b|\bcaptcha\b/i, 'bot wall'],
  [/\bchecking (if the site connection is secure|your browser)\b|\bjust a moment\.\.\.|\bddos protection by\b|\battention required!? \| cloudflare\b/i, 'bot wall'],
  [/\b(please )?enable (javascript|cookies)( and cookies)? to (continue|view|access)\b|\byou need to enable javascript\b/i, 'JavaScript wall'],
  [/\baccess (to this page has been )?denied\b|\byou don'?t have permission to access\b|\bforbidden\b.*\bserver\b/i, 'access denied page'],
  [/\b(we|our partners) (value|care about) your privacy\b|\bbefore you continue( to \w+)?\b|\bmanage (your )?(cookie|consent) (settings|preferences)\b|\baccept all cookies\b|\bconsent to (the use of )?cookies\b/i, 'consent wall'],
  [/\b(subscribe|sign in|log in|register) (now )?to (continue|keep) reading\b|\bthis (article|content|story) is (only )?(available )?(for|to) (paid )?subscribers\b|\byou have (reached|used) (your|all) (free article|article limit|free articles)\b|\balready a subscriber\?/i, 'paywall'],
];

// Only a title that *is* an error announcement counts ("Error 503", "404 - Page not found",
// "Page not found | Site"): headlines mention numbers and errors all the time
// ("S&P 500 closes at a record", "Referee error costs City the title").
const ERROR_TITLE =
  /^\s*(?:error\b|(?:http\s*)?[45]\d\d\b|page (?:not found|cannot be found|does not exist|unavailable)\b|not found\b|(?:site|service) (?:is )?(?:temporarily )?(?:unavailable|down|under maintenance)\b|access denied\b|(?:this )?(?:page|article|content) is no longer available\b)/i;
const ERROR_BODY = /\b(the )?page (you (are|were) looking for|you requested) (could not be found|cannot be found|does not exist|is no longer available|has been (moved|removed))\b|\bsorry,? (we couldn'?t|we can'?t|this page)\b.{0,60}\b(find|exist|available)\b|\b(an|unexpected) error (has )?occurred\b|\bservice (is )?(temporarily )?unavailable\b/i;

/**
 * @param previousChars length of the latest recorded version's text, or null before version 0.
 */
export function judgePage(page: { title: string; text: string }, previousChars: number | null): PageVerdict {
  const chars = page.text.length;
  const shortPage = chars < 1500;
  if (shortPage) {
    const sample = `${page.title}\n${page.text}`;
    for (const [pattern, reason] of WALL_PATTERNS) {
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
