// Words that mark whole sections of an article box as chrome: the headings
// that open a "Related", "About the author" or comments section, and the
// trades a closing contributor note names. sequence.ts says how they are
// matched; the entries use the phrase notation of notation.ts.

/** Headings that are, whole, the title of a chrome section (a colon or full stop may follow). */
export const chromeHeadings: readonly string[] = [
  'about {,the }{author,reviewer,writer,editor,contributor}{,s}',
  '{,meet }the author{,s}',
  "author{,'s} bio",
  'disclaimer{,s}',
  '{you {may,might} ,}also like',
  '{read,watch,listen,up}{, this} next',
  'keep reading',
  'further reading',
  'comment{,s}',
  '<number> comment{,s}',
  'leave a {comment,reply}',
  'join the {conversation,discussion}',
  'share{, this}{, <word>}',
  'follow us',
  '{get,join} {our,the} newsletter',
  'newsletter',
  'contact us',
  'get in touch',
  'testimonial{,s}',
  'categories',
  'tags',
  'topics',
  'popular tags',
  'latest {news,posts,articles,stories}',
  '{,most }{recent,popular}',
  '{recent,recently,popular} {news,posts,articles,stories,blog posts,entries,comments,reads,guides,reviews,videos,episodes,topics,searches}',
  '{,most }{recent,popular} {on,in,at} {,the }<word>',
  'recently {published,added,viewed,updated}',
  '{,most }popular {right now,now,today,this week,this month}',
  'top stories',
  "editor{,'}s picks",
  '{also,more,other} in {,the }news',
  '{more,other} {news,stories}',
  'advertisement',
];

/** Heading words that open a chrome section with up to two words after them: "Related Topics", "Most popular this week". */
export const chromeHeadingLeads: readonly string[] = ['related', 'recommended', 'trending', 'most popular'];

/** Heading openings that make a chrome section whatever follows: "More from Local News", "Sign up for our briefing". */
export const chromeHeadingOpenings: readonly string[] = [
  'more {from,on,in,like this,to {read,explore}}',
  'sign up',
  'subscribe',
  'in {other,case you missed}',
  'explore more',
  'related {articles,posts,stories,reading,content,resources,guides} {that,you}',
  'more {articles,stories,posts,guides} you {may,might}',
  '{articles,stories,posts} you {may,might}',
  'you {may,might} {also ,}{enjoy,like,be interested}',
  'meet {the,our} {testers,experts,reviewers}',
];

/** Trades a contributor note names: "Jane Doe is a freelance writer covering…". */
export const writerTrades: readonly string[] = [
  'writer',
  'editor',
  'journalist',
  'reporter',
  'correspondent',
  'columnist',
  'contributor',
  'blogger',
  'freelancer',
  'photographer',
  'copywriter',
  'content creator',
  'content strategist',
  'staff author',
  'owner',
  '{,co-,co}founder',
];
