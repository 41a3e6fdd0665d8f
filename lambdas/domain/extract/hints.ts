// What a box's class, id and role say about it. Sites name their chrome in
// remarkably similar words (share-bar, related-links, newsletter-promo), which
// is what lets one extractor work on every site without per-site code.

/** Page regions that are almost never the article: skipped when looking for the article. */
const UNLIKELY =
  /-ad-|(?:^|[\s_-])ads?(?:$|[\s_-])|adslot|adunit|advert|ai2html|banner|breadcrumb|combx|comment|communit|cookie|consent|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|navbar|nav-|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|agegate|pagination|pager|popup|modal|newsletter|subscri|signup|sign-up|share|sharing|promo|outbrain|taboola|recommend|trending|popular|most-read|masthead|toolbar|offcanvas|off-canvas|overlay|drawer|paywall/i;

/** Words that rescue a region from UNLIKELY: "article-header" or "main-content-with-comments" may still hold the story. */
const MAYBE_CONTENT = /article|body|column|content|main|mathjax|shadow|story|entry|post-?text|blog-?post/i;

const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose|rich-?text|reading/i;
const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|taboola|newsletter|subscri|recommend|byline|author|caption|nav/i;

/**
 * Chrome that sits inside the article container: share bars, in-line "Related
 * Stories", captions and credits, ad slots, newsletter and subscription promos,
 * tag lists, comment counts. Dropped from the body text.
 */
const BOILERPLATE =
  /(?:^|[\s_-])(?:ads?|ad[_-]?(?:slot|unit|wrap\w*|container|box|label|placeholder|marker)|dfp|gpt)(?:$|[\s_-])|-ad-|adslot|adunit|advert|sponsor|promo|share|sharing|social|related|recirc|newsletter|subscri|signup|sign-up|cookie|consent|caption|credit|comment|tag-?list|tags(?:$|[\s_-])|(?:^|[\s_-])tag(?:$|[\s_-])|breadcrumb|byline|author-?(?:bio|info|box|card)|about-the-author|recommend|more-stories|read-?more|readnext|read-next|also-read|popular|trending|most-read|sidebar|toolbar|print-?only|rating|pagination|pager|sr-only|visually-?hidden|screen-?reader|offscreen|(?:^|\s)(?:is-|u-)?hidden(?:$|\s)|dateline|timestamp|post-?meta|entry-?meta|article-?meta|meta-?data|inline-?link|toc(?:$|[\s_-])|table-of-contents|disclaimer|affiliate|paywall|restricted|regwall|donate|tooltip|modal|popup|gallery|slideshow|carousel|video|player|embed|outbrain|taboola/i;

/** An element's text is screen-reader or layout text when it is marked so (kept out whatever its words). */
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/** ARIA roles that mark chrome. */
const CHROME_ROLES = new Set([
  'navigation', 'complementary', 'contentinfo', 'banner', 'menu', 'menubar', 'dialog', 'alertdialog', 'search',
  'toolbar', 'tooltip',
]);

/**
 * Roles that mark chrome only as long as the box holds no story: a tab list
 * should hold only tab labels, but accordion templates put whole transcripts
 * and recipes in one.
 */
const MISUSED_CHROME_ROLES = new Set(['tablist']);

export function isMisusedChromeRole(role: string): boolean {
  return MISUSED_CHROME_ROLES.has(role.trim().toLowerCase());
}

/** Class or id words of regions that are rarely the story, unless contentWords says the box may hold it. */
export function unlikelyWords(names: string): boolean {
  return UNLIKELY.test(names);
}

export function contentWords(names: string): boolean {
  return MAYBE_CONTENT.test(names);
}

/** Reader comments: prose, but never the article, however long. */
const DISCUSSION = /comment|disqus|replies|discussion|forum|respond/i;

export function isDiscussion(classAndId: string): boolean {
  return DISCUSSION.test(classAndId);
}

export function isBoilerplateName(classAndId: string): boolean {
  return BOILERPLATE.test(classAndId);
}

export function classWeight(classAndId: string): number {
  if (classAndId === '') return 0;
  let weight = 0;
  if (NEGATIVE.test(classAndId)) weight -= 25;
  if (POSITIVE.test(classAndId)) weight += 25;
  return weight;
}

export function isHiddenStyle(style: string): boolean {
  return HIDDEN_STYLE.test(style);
}

export function isChromeRole(role: string): boolean {
  return CHROME_ROLES.has(role.trim().toLowerCase());
}
