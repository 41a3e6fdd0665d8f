// The single table's shape, in one place: the CDK stack and the local
// create-table both build from this. Plain data, so neither side drags in the other's SDK.
//
// Items (pk / sk):
//   A#<key> / HEAD          article head, hot part: what an ordinary check rewrites, under 1 KB
//   A#<key> / INFO          article head, cold part: URL, source, current version, hashes (head-items.ts)
//   A#<key> / V#<000000n>   version n with its text (gzipped in textGz above 1 KB)
//   A#<key> / C#<000000n>   change n (stats, kinds, excerpts)
//   A#<key> / HEAD          or, at an address an article moved to, an alias: {aliasOf: <article URL>}
//                           (no index attributes; getArticle follows it to the article's head)
//   A#<key> / W#<hash>      a suppressed variant (A/B headline test): headline, excerpt, sightings (variant-items.ts)
// Index attributes (written only when the index applies, so each index is sparse):
//   dueShard / dueAt        on heads that are still checked, not paused or unwatched ('due' index)
//   listShard / url         on every INFO item, or a whole HEAD item from before the split
//                           ('articles' index, keys only: export and listings)
//   feedMonth / feedAt      on changes: month bucket, newest first ('changes' index)
//   feedSource / feedAt     on changes, per source ('changes-by-source' index)
//                           variants sit in the same two indexes under partitions of their own (W#<month>, W#S#<source>)

export interface IndexSchema {
  name: string;
  partitionKey: string;
  sortKey: string;
  projection: 'ALL' | 'KEYS_ONLY';
}

export const TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { name: 'due', partitionKey: 'dueShard', sortKey: 'dueAt', projection: 'ALL' },
    { name: 'articles', partitionKey: 'listShard', sortKey: 'url', projection: 'KEYS_ONLY' },
    { name: 'changes', partitionKey: 'feedMonth', sortKey: 'feedAt', projection: 'ALL' },
    { name: 'changes-by-source', partitionKey: 'feedSource', sortKey: 'feedAt', projection: 'ALL' },
  ] satisfies IndexSchema[],
} as const;

/** Heads are spread over this many partitions of the due and articles indexes. */
export const SHARD_COUNT = 4;
