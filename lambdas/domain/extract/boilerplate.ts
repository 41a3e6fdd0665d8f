// Which blocks of the article box are chrome rather than the story: the
// caption and credit lines, ad labels, share and comment prompts, read-more
// and related links, newsletter and cookie promos, time stamps that change on
// every fetch, tag lists and copyright lines. Judged from the block's words,
// its links and where it sits, never from one site's markup.
import type { Block } from './blocks';

// Whole-block labels: a block that is only this is never article text.
const LABEL =
  /^(?:advertisement|advertising|ad|ads|sponsored(?: content)?|paid (?:content|post)|promoted|skip (?:advertisement|ad)|(?:story|article|content|text) continues (?:below|after)(?: (?:the |this )?(?:ad|advert|advertisement))?|continue reading(?: below| the main story)?|scroll to continue(?: with content)?|enlarge this image|toggle caption|hide caption|show caption|image|photo|video|audio|listen live|listen(?: to (?:this )?(?:article|story))?|get short url|community standards|discussion|share|share this(?: article| story| post)?|share on \w+|tweet|email|print|copy link|link copied|comments?|\d+ comments?|view comments|show comments|leave a (?:comment|reply)|post a comment|join the (?:conversation|discussion)|subscribe|sign up|newsletter|follow us|related|related (?:stories|articles|posts|content|coverage|news|topics|links|reading)|read more|read next|see also|more|more (?:stories|news|on this story)|recommended(?: for you| stories| articles| reading)?|you (?:may|might) also like|most (?:read|popular|viewed)|trending(?: now)?|top stories|latest(?: news| stories)?|editor'?s picks|don'?t miss|topics|tags|back to top|close|menu|search|loading\.*|please wait|table of contents|contents|in this (?:article|story|post|guide)|on this page|jump to(?: section)?|(?:written|posted|reviewed|edited|fact[- ]checked|medically reviewed) by|by|(?:date )?last (?:reviewed|updated|modified))\s*[:.!]?$/i;

// Prompts that start a short block: caption controls, share/follow/subscribe widgets and read-more teasers.
const PROMPT =
  /^(?:enlarge this image|toggle caption|hide caption|show caption|image caption|share (?:this|on|via|with)|follow (?:us|me)|like us on|subscribe (?:to|now|for|today)|sign up (?:for|to|now|today)|get (?:our|the) (?:newsletter|daily|weekly|latest)|join (?:our|the) (?:newsletter|mailing list)|read more\b|read next\b|read also\b|also read\b|see also\b|related:|more:|watch:|listen:|click here\b|tap here\b|download (?:the|our) app|we use cookies|this (?:site|website) uses cookies|by (?:using|continuing|signing up|subscribing|registering|clicking|tapping|submitting)\b|accept (?:all )?cookies|enable javascript|your browser|have a (?:news )?tip|do you have a (?:story|tip)|got a (?:news )?tip|(?:was|is) this (?:article|page|post|story|information|answer) (?:helpful|useful)|did you find this (?:article|page|post|story) (?:helpful|useful)|how (?:helpful|useful) was this|rate this (?:article|page|post|story)|(?:share|send|give|leave) (?:us )?(?:your |some )?feedback|latest posts by|republish (?:this|our) (?:article|story|stories|articles)|(?:was|is) this (?:newsletter|email) forwarded|if you (?:liked|enjoyed|found) this|you (?:need|must|have) to (?:log ?in|sign in|register|be logged in))/i;

// Caption and credit lines: "SANA via AP", "Photo: Jane Doe/Reuters", "(Getty Images)".
const CREDIT =
  /^(?:\(?(?:photo|image|picture|pictured|video|graphic|illustration|source|credit|courtesy|file photo|photograph)s?(?: by| credit| courtesy(?: of)?)?\s*[:|/-]|\(?(?:ap|afp|reuters|getty images|epa|shutterstock)(?: photo)?\)?$)|(?:\bvia (?:ap|afp|reuters|getty images)|\/ ?(?:ap|afp|reuters|getty images|epa|shutterstock|bloomberg|dpa|anadolu|xinhua|sipa|zuma)(?: photo)?|getty images|shutterstock)\)?$/i;

// Stamps that change while the story does not: "Updated 5 minutes ago", "Published 3 hours ago", "2 min read".
const STAMP =
  /^(?:(?:last )?(?:updated|published|posted|modified|edited|originally published|first published)(?: on| at)?\b.{0,60}|\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?)\s+ago|\d+\s*min(?:ute)?s?\s+(?:read|listen|watch)|(?:reading|read) time:?.{0,20}|\d+\s*(?:views|shares|likes|reads)|\(?visited [\d,.]+ times?\b.*)$/i;

const DATE_ONLY =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[a-z]{2,4})?)?$/i;

// A caption written as a paragraph ends with its credit: "… Photo by: 'Jane Doe'." or "… (AP Photo/John Locher)".
const TRAILING_CREDIT =
  /(?:\b(?:photo(?:graph)?|image|picture|pictured|credit|illustration|video)s?(?: by| credit| courtesy(?: of)?)?\s*:\s*[^.:]{2,60}|\((?:[^()]{0,40}\b)?(?:photo|image|credit|ap|afp|reuters|getty images)\b[^()]{0,60}\))\.?\s*$/i;

// The shopping disclosure at the top or foot of a review or guide: "This article contains affiliate links…",
// "…we may earn a commission". Needs the page speaking of itself, so reporting on commissions stays.
const DISCLOSURE_TERMS = /\baffiliate (?:links?|commissions?|partners?|programs?)\b|\b(?:earn|receive|get|make)s? (?:us )?(?:a )?(?:small )?(?:commission|compensation|share of (?:the )?sales)\b|\bpaid promotion\b|\badvertising on our site\b/i;
const DISCLOSURE_SELF = /\b(?:we|us|our|this (?:article|post|page|site|story|guide|review))\b/i;

const TAG_LIST = /^(?:tags?|topics?|filed under|categories|category|posted in|keywords|more on)\s*:/i;
const COPYRIGHT = /^(?:©|copyright\b|\(c\)\s*\d{4})|all rights reserved\.?$/i;
const BYLINE = /^(?:by|written by|words by|reporting by|von|par|por)\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4}(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})*\s*$/u;

/** True when the block is chrome by its words alone, wherever it sits. */
export function isBoilerplateText(text: string): boolean {
  const length = text.length;
  if (length <= 60 && LABEL.test(text)) return true;
  if (length <= 160 && PROMPT.test(text)) return true;
  if (length <= 120 && CREDIT.test(text)) return true;
  if (length <= 80 && (STAMP.test(text) || DATE_ONLY.test(text))) return true;
  if (length <= 400 && TAG_LIST.test(text)) return true;
  if (length <= 250 && TRAILING_CREDIT.test(text)) return true;
  if (length <= 250 && COPYRIGHT.test(text)) return true;
  if (length <= 80 && BYLINE.test(text)) return true;
  if (length <= 400 && DISCLOSURE_TERMS.test(text) && DISCLOSURE_SELF.test(text)) return true;
  return false;
}

export function isBoilerplateBlock(block: Block): boolean {
  if (block.inChrome || block.inFigure) return true;
  if (isBoilerplateText(block.text)) return true;
  // Lists and lines of links are navigation or read-more teasers, not prose.
  if (block.linkChars > block.chars * 0.7 && !block.heading && block.tag !== 'td' && block.tag !== 'th') return true;
  return false;
}
