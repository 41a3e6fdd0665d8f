// What a page that is not the article says: bot, JavaScript, consent and
// pay walls, access-denied and error pages. page-quality.ts looks for these
// phrases as words of their own, anywhere in a short page; the entries use
// the phrase notation of notation.ts and match in any case.
import type { PhrasesInOrder } from './notation';

export interface WallSigns {
  /** What the page is, as operators are told ("looks like a consent wall"). */
  reason: string;
  phrases: readonly string[];
  /** Pairs of phrases that tell the page only together, the second after the first on one line. */
  inOrder?: readonly PhrasesInOrder[];
}

/** Checked in this order; the first that matches names the page. */
export const pageWalls: readonly WallSigns[] = [
  {
    reason: 'bot wall',
    phrases: [
      '{verify,prove,confirm} {,that }you are {,a }human',
      'are you a robot',
      'not a robot',
      'captcha',
      'checking {if the site connection is secure,your browser}',
      'just a moment...',
      'ddos protection by',
      'attention required{,!} | cloudflare',
    ],
  },
  {
    reason: 'JavaScript wall',
    phrases: ['{please ,}enable {javascript,cookies}{, and cookies} to {continue,view,access}', 'you need to enable javascript'],
  },
  {
    reason: 'access denied page',
    phrases: ['access {to this page has been ,}denied', "you don{,'}t have permission to access"],
    inOrder: [{ first: ['forbidden'], then: ['server'] }],
  },
  {
    reason: 'consent wall',
    phrases: [
      '{we,our partners} {value,care about} your privacy',
      'before you continue{, to <word>}',
      'manage {your ,}{cookie,consent} {settings,preferences}',
      'accept all cookies',
      'consent to {the use of ,}cookies',
    ],
  },
  {
    reason: 'paywall',
    phrases: [
      '{subscribe,sign in,log in,register} {now ,}to {continue,keep} reading',
      'this {article,content,story} is {only ,}{available ,}{for,to} {paid ,}subscribers',
      'you have {reached,used} {your,all} {free article,article limit,free articles}',
      'already a subscriber?',
    ],
  },
];

/**
 * Titles that *are* an error announcement, as their opening words ("Error
 * 503", "Page not found | Site"); a status code opens one too. Headlines
 * mention errors all the time ("Referee error costs City the title"), so only
 * the opening counts.
 */
export const errorTitleOpenings: readonly string[] = [
  'error',
  'page {not found,cannot be found,does not exist,unavailable}',
  'not found',
  '{site,service} {is ,}{temporarily ,}{unavailable,down,under maintenance}',
  'access denied',
  '{this ,}{page,article,content} is no longer available',
];

/** What an error page's text says. */
export const errorPageSigns: { phrases: readonly string[]; inOrder: readonly PhrasesInOrder[] } = {
  phrases: [
    '{the ,}page {you {are,were} looking for,you requested} {could not be found,cannot be found,does not exist,is no longer available,has been {moved,removed}}',
    '{an,unexpected} error {has ,}occurred',
    'service {is ,}{temporarily ,}unavailable',
  ],
  inOrder: [{ first: ["sorry{,\\,} {we couldn{,'}t,we can{,'}t,this page}"], then: ['find', 'exist', 'available'], within: 60 }],
};
