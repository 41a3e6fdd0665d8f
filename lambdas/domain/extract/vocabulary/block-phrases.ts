// What the chrome inside an article box says, one list per kind of block:
// labels, prompts, credits, stamps, disclosures. boilerplate.ts says how
// each list is matched (a whole block, its opening, its last words); the
// entries use the phrase notation of notation.ts and match in any case.

/** Whole-block labels: a block that is only this (and a colon or full stop) is never article text. */
export const labelPhrases: readonly string[] = [
  'advertisement',
  'advertising',
  'ad',
  'ads',
  'sponsored{, content}',
  'paid {content,post}',
  'promoted',
  'skip {advertisement,ad}',
  '{story,article,content,text} continues {below,after}{, {,the ,this }{ad,advert,advertisement}}',
  'continue reading{, below, the main story}',
  'scroll to continue{, with content}',
  'enlarge this image',
  '{toggle,hide,show} caption',
  'image',
  'photo',
  'video',
  'audio',
  'listen live',
  'listen{, to {,this }{article,story}}',
  'get short url',
  'community standards',
  'discussion',
  'share',
  'share this{, article, story, post}',
  'share on <word>',
  'tweet',
  'email',
  'print',
  'copy link',
  'link copied',
  'comment{,s}',
  '<number> comment{,s}',
  '{view,show} comments',
  'leave a {comment,reply}',
  'post a comment',
  'join the {conversation,discussion}',
  'subscribe',
  'sign up',
  'newsletter',
  'follow us',
  'related',
  'related {stories,articles,posts,content,coverage,news,topics,links,reading}',
  'read more',
  'read next',
  'see also',
  'more',
  'more {stories,news,on this story}',
  'recommended{, for you, stories, articles, reading}',
  'you {may,might} also like',
  'most {read,popular,viewed}',
  'trending{, now}',
  'top stories',
  'latest{, news, stories}',
  "editor{,'}s picks",
  "don{,'}t miss",
  'topics',
  'tags',
  'back to top',
  'close',
  'menu',
  'search',
  'loading<dots>',
  'please wait',
  'table of contents',
  'contents',
  'in this {article,story,post,guide}',
  'on this page',
  'jump to{, section}',
  '{written,posted,reviewed,edited,fact{-, }checked,medically reviewed} by',
  'by',
  '{date ,}last {reviewed,updated,modified}',
];

/** Openings of short prompt blocks: caption controls, share/follow/subscribe widgets, cookie notices, feedback asks. */
export const promptOpenings: readonly string[] = [
  'enlarge this image',
  '{toggle,hide,show,image} caption',
  'share {this,on,via,with}',
  'follow {us,me}',
  'like us on',
  'subscribe {to,now,for,today}',
  'sign up {for,to,now,today}',
  'get {our,the} {newsletter,daily,weekly,latest}',
  'join {our,the} {newsletter,mailing list}',
  'related:',
  'more:',
  'watch:',
  'listen:',
  'download {the,our} app',
  'we use cookies',
  'this {site,website} uses cookies',
  'accept {all ,}cookies',
  'enable javascript',
  'your browser',
  'have a {news ,}tip',
  'do you have a {story,tip}',
  'got a {news ,}tip',
  '{was,is} this {article,page,post,story,information,answer} {helpful,useful}',
  'did you find this {article,page,post,story} {helpful,useful}',
  'how {helpful,useful} was this',
  'rate this {article,page,post,story}',
  '{share,send,give,leave} {us ,}{your ,some ,}feedback',
  'latest posts by',
  'republish {this,our} {article,story,stories,articles}',
  '{was,is} this {newsletter,email} forwarded',
  'if you {liked,enjoyed,found} this',
  'you {need,must,have} to {log{, }in,sign in,register,be logged in}',
];

/** Openings of prompt blocks that must end a word there ("Read more about…", not "Read moreover…"). */
export const promptOpeningWords: readonly string[] = [
  'read {more,next,also}',
  'also read',
  'see also',
  '{click,tap} here',
  'by {using,continuing,signing up,subscribing,registering,clicking,tapping,submitting}',
];

/** What a credit line opens with, before its colon or slash: "Photo: …", "Image courtesy of / …". */
export const creditLabels: readonly string[] = [
  'photo',
  'image',
  'picture',
  'pictured',
  'video',
  'graphic',
  'illustration',
  'source',
  'credit',
  'courtesy',
  'file photo',
  'photograph',
];

/** Words joining a credit label to the name: "Photo by", "Image courtesy of". */
export const creditLinks: readonly string[] = ['by', 'credit', 'courtesy{, of}'];

/** News and photo agencies credited at the end of a caption: "… / Reuters", "(AP Photo/…)". */
export const photoAgencies: readonly string[] = [
  'ap',
  'afp',
  'reuters',
  'getty images',
  'epa',
  'shutterstock',
  'bloomberg',
  'dpa',
  'anadolu',
  'xinhua',
  'sipa',
  'zuma',
];

/** Agencies whose name alone can be a credit line: "(AP)", "Reuters photo". */
export const agenciesAlone: readonly string[] = ['ap', 'afp', 'reuters', 'getty images', 'epa', 'shutterstock'];

/** Agencies credited with "via": "SANA via AP". */
export const viaAgencies: readonly string[] = ['ap', 'afp', 'reuters', 'getty images'];

/** Agencies distinctive enough to end a credit with no slash or "via": "… Getty Images". */
export const agenciesAtEnd: readonly string[] = ['getty images', 'shutterstock'];

/** Labels of a credit written into the end of a caption paragraph: "… Photo by: Jane Doe." */
export const trailingCreditLabels: readonly string[] = ['photo{,graph}', 'image', 'picture', 'pictured', 'credit', 'illustration', 'video'];

/** Words that make a parenthesis at the end of a caption a credit: "(AP Photo/John Locher)". */
export const parenthesisedCreditWords: readonly string[] = ['photo', 'image', 'credit', 'ap', 'afp', 'reuters', 'getty images'];

/** Verbs of a publishing stamp: "Updated …", "Originally published on …". */
export const stampVerbs: readonly string[] = ['updated', 'published', 'posted', 'modified', 'edited', 'originally published', 'first published'];

/** Verbs of an update notice: "Updated July 14, 2016 at 6:45 p.m. ET", "Last modified 2024-05-01". */
export const updateVerbs: readonly string[] = ['{last ,}updated', '{last ,}modified'];

/** Units of an elapsed time: "5 minutes ago", "3h ago". */
export const elapsedUnits: readonly string[] = [
  'second{,s}',
  'sec{,s}',
  'minute{,s}',
  'min{,s}',
  'hour{,s}',
  'hr{,s}',
  'h',
  'day{,s}',
  'week{,s}',
  'month{,s}',
];

/** What a reading time is spent on: "4 min read", "2 minute listen". */
export const readingActivities: readonly string[] = ['read', 'listen', 'watch'];

/** Labels of a reading time: "Reading time: 4 minutes". */
export const readingTimeLabels: readonly string[] = ['reading time', 'read time'];

/** Counters shown beside a story: "1,204 views". */
export const engagementCounters: readonly string[] = ['views', 'shares', 'likes', 'reads'];

/** Weekday and month names as dates spell them, by their first three letters ("Tue", "Tuesday"). */
export const weekdayStems: readonly string[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const monthStems: readonly string[] = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The terms of a shopping disclosure: "This article contains affiliate links…", "…we may earn a commission". */
export const disclosureTerms: readonly string[] = [
  'affiliate {link,commission,partner,program}{,s}',
  '{earn,receive,get,make}{,s} {,us }{,a }{,small }{commission,compensation,share of {,the }sales}',
  'paid promotion',
  'advertising on our site',
];

/** The page speaking of itself, which a disclosure needs (reporting on commissions stays). */
export const selfReferences: readonly string[] = ['we', 'us', 'our', 'this {article,post,page,site,story,guide,review}'];

/** Labels that open a list of tags or topics: "Tags: …", "Filed under: …". */
export const tagListLabels: readonly string[] = ['tag{,s}', 'topic{,s}', 'filed under', 'categories', 'category', 'posted in', 'keywords', 'more on'];

/** The links of a site's footer, written out: "Privacy policy", "Terms of use", "Careers". */
export const siteLinkPhrases: readonly string[] = [
  'privacy {policy,notice,statement,settings,center}',
  'terms {of use,of service,and conditions,& conditions}',
  'cookie {policy,settings,preferences}',
  'do not sell{, or share} my personal information',
  'your privacy choices',
  'accessibility{, statement}',
  'site{ ,}map',
  'careers',
  'jobs',
  'advertise{, with us}',
  'contact{, us}',
  'about{, us}',
  'newsletters',
  'rss{, feeds}',
  'press{, room}',
  'help{, center}',
  'faq{,s}',
  'corrections',
  'ethics{, policy}',
  'masthead',
  'subscriptions',
  'manage subscription',
  'gift subscriptions',
  'store',
  'shop',
];

/** Labels of contact details: "Phone: …", "Tel.", "Fax", "Email:". */
export const contactLabels: readonly string[] = [
  'phone',
  'telephone',
  'tel',
  'fax',
  'mobile',
  'email',
  'e-mail',
  'call us',
  'toll{-, }free',
  'address',
  'office hours',
  'hours',
];

/** Words that make a number an address: "100 Main Street", "Suite 400", "PO Box 12". */
export const streetWords: readonly string[] = [
  'street',
  'st',
  'avenue',
  'ave',
  'road',
  'rd',
  'boulevard',
  'blvd',
  'lane',
  'ln',
  'drive',
  'dr',
  'way',
  'place',
  'pl',
  'square',
  'sq',
  'court',
  'ct',
  'highway',
  'hwy',
  'parkway',
  'pkwy',
  'suite',
  'ste',
  'floor',
  'fl',
  'unit',
  'building',
];
