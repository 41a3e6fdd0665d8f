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
//   dueLane / dueSlot       on heads that are still checked, not paused or unwatched ('due-slots' index,
//                           keys + hostKey + leaseCount): P#<every>#<shard> / slot second, or O#<shard> / ISO due
//                           time (a lease time once dispatched); see domain/due-lanes.ts and due-keys.ts
//   listShard / url         on every INFO item, or a whole HEAD item from before the split
//                           ('articles' index, keys only: export and listings)
//   feedMonth / feedAt      on changes: month bucket, newest first ('changes' index)
//   feedSource / feedAt     on changes, per source ('changes-by-source' index)
//                           variants sit in the same two indexes under partitions of their own (W#<month>, W#S#<source>)
// Dispatch items:
//   DISPATCH / <lane>       a periodic lane's cursor: `until`, the epoch second it has been queued up to
//   LANE / <hostKey>        when a host is next free (`freeAt`, epoch ms), written only when it is past the next run

export interface IndexSchema {
  name: string;
  partitionKey: string;
  sortKey: string;
  projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  /** The attributes projected besides the keys, for an INCLUDE projection. */
  include?: readonly string[];
}

export const TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    // hostKey lets dispatch space a host's checks, leaseCount lets it double a lease, without reading heads.
    { name: 'due-slots', partitionKey: 'dueLane', sortKey: 'dueSlot', projection: 'INCLUDE', include: ['hostKey', 'leaseCount'] },
    { name: 'articles', partitionKey: 'listShard', sortKey: 'url', projection: 'KEYS_ONLY' },
    { name: 'changes', partitionKey: 'feedMonth', sortKey: 'feedAt', projection: 'ALL' },
    { name: 'changes-by-source', partitionKey: 'feedSource', sortKey: 'feedAt', projection: 'ALL' },
  ] satisfies IndexSchema[],
} as const;

/** Heads are spread over this many partitions of the articles index (the due index has DUE_SHARDS). */
export const SHARD_COUNT = 4;
