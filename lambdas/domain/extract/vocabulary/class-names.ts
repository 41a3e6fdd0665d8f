// The words sites use in class, id and role names to say what a box is for,
// one list per concept, as adbar/trafilatura keeps its heuristics
// (trafilatura/xpaths.py). Sites name their chrome in remarkably similar words
// (share-bar, related-links, newsletter-promo), which is what lets one
// extractor work on every site without per-site code.
//
// The first four lists start from Mozilla Readability's regular expressions
// (unlikelyCandidates, okMaybeItsACandidate, positive, negative in
// Readability.js, Copyright (c) 2010 Arc90 Inc, Apache License 2.0), grown
// with what the dev set showed.
//
// How an entry is matched against a class or id string is said by the key it
// sits under (see ClassWords); entries use the phrase notation of notation.ts.

export interface ClassWords {
  /** Found anywhere, inside longer names too ("advert" in "top-advert-box"). */
  anywhere?: readonly string[];
  /** A whole word of a name, between its start or end, whitespace, "_" or "-" ("ad" in "ad-slot", not in "head"). */
  words?: readonly string[];
  /** The start of such a word, whatever letters follow ("adwrap" in "adwrapper"). */
  wordStarts?: readonly string[];
  /** The end of such a word, whatever comes before ("tags" in "post-tags", not in "tagsearch"). */
  wordEnds?: readonly string[];
  /** A whole class name, between whitespace ("hidden", not "hidden-xs"). */
  classNames?: readonly string[];
}

/** Regions that are almost never the article: left out when looking for it (Readability's unlikelyCandidates). */
export const unlikelyClassWords: ClassWords = {
  anywhere: [
    '-ad-',
    'adslot',
    'adunit',
    'advert',
    'ai2html',
    'banner',
    'breadcrumb',
    'combx',
    'comment',
    'communit',
    'cookie',
    'consent',
    'cover-wrap',
    'disqus',
    'extra',
    'footer',
    'gdpr',
    'header',
    'legends',
    'menu',
    'navbar',
    'nav-',
    'related',
    'remark',
    'replies',
    'rss',
    'shoutbox',
    'sidebar',
    'skyscraper',
    'social',
    'sponsor',
    'supplemental',
    'agegate',
    'pagination',
    'pager',
    'popup',
    'modal',
    'newsletter',
    'subscri',
    'sign{,-}up',
    'share',
    'sharing',
    'promo',
    'outbrain',
    'taboola',
    'recommend',
    'trending',
    'popular',
    'most-read',
    'masthead',
    'toolbar',
    'off{,-}canvas',
    'overlay',
    'drawer',
    'paywall',
  ],
  words: ['ad', 'ads'],
};

/** Words that rescue a region from unlikelyClassWords: "article-header" may still hold the story (okMaybeItsACandidate). */
export const maybeContentClassWords: ClassWords = {
  anywhere: ['article', 'body', 'column', 'content', 'main', 'mathjax', 'shadow', 'story', 'entry', 'post{,-}text', 'blog{,-}post'],
};

/** Names that raise a box's score as the article (Readability's positive). */
export const contentClassWords: ClassWords = {
  anywhere: ['article', 'body', 'content', 'entry', 'hentry', 'h-entry', 'main', 'page', 'post', 'text', 'blog', 'story', 'prose', 'rich{,-}text', 'reading'],
};

/** Names that lower a box's score as the article (Readability's negative). */
export const negativeClassWords: ClassWords = {
  anywhere: [
    '-ad-',
    'hidden',
    'banner',
    'combx',
    'comment',
    'com-',
    'contact',
    'footer',
    'gdpr',
    'masthead',
    'media',
    'meta',
    'outbrain',
    'promo',
    'related',
    'scroll',
    'share',
    'shoutbox',
    'sidebar',
    'skyscraper',
    'sponsor',
    'shopping',
    'tags',
    'widget',
    'taboola',
    'newsletter',
    'subscri',
    'recommend',
    'byline',
    'author',
    'caption',
    'nav',
  ],
  classNames: ['hid'],
};

/**
 * Chrome that sits inside the article container: share bars, in-line "Related
 * Stories", captions and credits, ad slots, newsletter and subscription promos,
 * tag lists, comment counts. Dropped from the body text.
 */
export const inArticleChromeClassWords: ClassWords = {
  anywhere: [
    '-ad-',
    'adslot',
    'adunit',
    'advert',
    'sponsor',
    'promo',
    'share',
    'sharing',
    'social',
    'related',
    'recirc',
    'newsletter',
    'subscri',
    'sign{,-}up',
    'cookie',
    'consent',
    'caption',
    'credit',
    'comment',
    'tag{,-}list',
    'breadcrumb',
    'byline',
    'author{,-}{bio,info,box,card}',
    'about-the-author',
    'recommend',
    'more-stories',
    'read{,-}more',
    'read{,-}next',
    'also-read',
    'popular',
    'trending',
    'most-read',
    'sidebar',
    'toolbar',
    'print{,-}only',
    'rating',
    'pagination',
    'pager',
    'sr-only',
    'visually{,-}hidden',
    'screen{,-}reader',
    'offscreen',
    'dateline',
    'timestamp',
    'post{,-}meta',
    'entry{,-}meta',
    'article{,-}meta',
    'meta{,-}data',
    'inline{,-}link',
    'table-of-contents',
    'disclaimer',
    'affiliate',
    'paywall',
    'restricted',
    'regwall',
    'donate',
    'tooltip',
    'modal',
    'popup',
    'gallery',
    'slideshow',
    'carousel',
    'video',
    'player',
    'embed',
    'outbrain',
    'taboola',
  ],
  words: ['ad', 'ads', 'ad{,_,-}{slot,unit,container,box,label,placeholder,marker}', 'dfp', 'gpt', 'tag'],
  wordStarts: ['ad{,_,-}wrap'],
  wordEnds: ['tags', 'toc'],
  classNames: ['{,is-,u-}hidden'],
};

/** Reader comments: prose, but never the article, however long. */
export const discussionClassWords: ClassWords = {
  anywhere: ['comment', 'disqus', 'replies', 'discussion', 'forum', 'respond'],
};

/**
 * Dialogs that open over the page (an offer's fine print, a financing popup):
 * never the article, however long their legal prose. Their regions are also
 * unlikely; unlike a sidebar, their prose does not rescue them.
 */
export const overlayClassWords: ClassWords = {
  anywhere: ['modal', 'popup'],
};

/** Boxes that hold the writer's name. */
export const bylineClassWords: ClassWords = {
  words: ['{byline,by-line,author{,-}name,article{,-}author,post{,-}author,story{,-}author,writer,contributor}{,s}'],
};

/** ARIA roles that mark chrome. */
export const chromeRoles: readonly string[] = [
  'navigation',
  'complementary',
  'contentinfo',
  'banner',
  'menu',
  'menubar',
  'dialog',
  'alertdialog',
  'search',
  'toolbar',
  'tooltip',
];

/**
 * Roles that mark chrome only as long as the box holds no story: a tab list
 * should hold only tab labels, but accordion templates put whole transcripts
 * and recipes in one.
 */
export const misusedChromeRoles: readonly string[] = ['tablist'];
