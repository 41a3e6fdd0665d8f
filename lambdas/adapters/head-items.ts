// How an article head is stored: two items, so the write every check makes stays one write unit.
//
//   A#<key> / HEAD   the hot part: what an ordinary check rewrites (times, validators, counts, status,
//                    holds, the due index keys). Bounded: under 1 KB whatever the page or server sends.
//   A#<key> / INFO   the cold part: URL, source, current version, hashes, the 'articles' index keys.
//                    Rewritten only when one of its fields changes (a new version, a move, a variant).
//
// Both carry `infoTag`, a digest of the INFO fields. A reader that sees two different tags caught the
// two items from different writes (a Query may return part of a transaction) and reads again; a save
// is conditional on the stored tag being the one it read, so a HEAD-only write never pairs the hot part
// with an INFO item it did not see.
//
// Heads written before the split are one HEAD item holding every field, with the 'articles' index
// keys: they read as they are, and their first save rewrites them into the two items.
import { createHash } from 'node:crypto';
import type { ArticleHead } from '../domain/types';
import { CorruptItemError, InconsistentWriteError } from '../errors';
import type { RawItem } from './dynamo-item-fields';
import { articlePk, HEAD_SK, HOLD_FIELDS, itemToHead, listShardKey, shardOf } from './dynamo-items';
import { dueKeys } from './due-keys';

export const INFO_SK = 'INFO';

/** Head fields kept in the INFO item; every other head field is hot. */
const INFO_FIELDS = [
  'url',
  'source',
  'firstSeenAt',
  'lastChangedAt',
  'currentVersion',
  'latestChars',
  'contentHash',
  'latestTitle',
  'knownHashes',
  'variantHashes',
  // Set together with variantHashes (check-plan.ts), so it changes only when they do.
  'flapping',
  'currentUrl',
  'extractionFingerprint',
  // Changes with a new version, and otherwise at most once a day (page-signature.ts).
  'pageSignature',
] as const satisfies readonly (keyof ArticleHead)[];

type InfoField = (typeof INFO_FIELDS)[number];

/**
 * Bounds on the hot fields that come from outside (a server's headers, an error's message).
 * An HTTP date is 29 bytes and real entity tags are quoted hashes well under 100; a validator
 * longer than its bound is not stored, so the next fetch is unconditional, which is always correct.
 */
export const MAX_ETAG_BYTES = 128;
export const MAX_LAST_MODIFIED_BYTES = 40;
export const MAX_STORED_ERROR_BYTES = 240;
/**
 * Every other hot string is one our own code makes to a fixed width (ISO times, hash prefixes, a
 * status): a longer one is a bug, refused before it could push the item past one write unit.
 */
const MAX_HOT_STRING_BYTES = 64;
const BOUNDED_HOT_FIELDS: ReadonlySet<string> = new Set(['etag', 'lastModified', 'lastError']);

function utf8Bytes(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

function boundedValidator(value: string | null, maxBytes: number): string | null {
  return value !== null && utf8Bytes(value) > maxBytes ? null : value;
}

/** Cut on a character boundary, with an ellipsis, so what is shown still reads as cut. */
function truncatedError(value: string | null): string | null {
  if (value === null || utf8Bytes(value) <= MAX_STORED_ERROR_BYTES) return value;
  let cut = '';
  for (const char of value) {
    if (utf8Bytes(cut) + utf8Bytes(char) > MAX_STORED_ERROR_BYTES - utf8Bytes('…')) break;
    cut += char;
  }
  return `${cut}…`;
}

/** A digest of the INFO fields: equal for two heads exactly when their INFO items would be equal. */
export function infoTag(head: ArticleHead): string {
  const values = INFO_FIELDS.map((field) => head[field]);
  return createHash('sha256').update(JSON.stringify(values)).digest('base64url').slice(0, 22);
}

export interface HeadItems {
  hot: RawItem;
  info: RawItem;
  tag: string;
}

export function headToItems(head: ArticleHead): HeadItems {
  const tag = infoTag(head);
  const pk = articlePk(head.url);
  const info: RawItem = { pk, sk: INFO_SK, listShard: listShardKey(shardOf(head.url)), infoTag: tag };
  const hot: RawItem = { pk, sk: HEAD_SK, infoTag: tag };
  const infoFields: ReadonlySet<string> = new Set<InfoField>(INFO_FIELDS);
  for (const [name, value] of Object.entries(head)) {
    // Holds are written only when set, so a save can be conditional on their absence (HOLD_FIELDS).
    if (value === null && (name === 'pausedAt' || name === 'unwatchedAt')) continue;
    (infoFields.has(name) ? info : hot)[name] = value;
  }
  for (const [name, value] of Object.entries(hot)) {
    if (typeof value === 'string' && !BOUNDED_HOT_FIELDS.has(name) && utf8Bytes(value) > MAX_HOT_STRING_BYTES) {
      throw new InconsistentWriteError(`the head's ${name} is over ${MAX_HOT_STRING_BYTES} bytes (article ${head.url}); nothing was written`);
    }
  }
  hot.etag = boundedValidator(head.etag, MAX_ETAG_BYTES);
  hot.lastModified = boundedValidator(head.lastModified, MAX_LAST_MODIFIED_BYTES);
  hot.lastError = truncatedError(head.lastError);
  Object.assign(hot, dueKeys(head));
  return { hot, info, tag };
}

/** A head item written before the split: it holds the URL itself. */
export function isWholeHeadItem(item: RawItem): boolean {
  return item.url !== undefined && item.aliasOf === undefined;
}

/**
 * The head from its stored items, or 'torn' when they come from different writes (or the INFO
 * item is missing beside a split HEAD item): the caller reads again.
 */
export function itemsToHead(hot: RawItem, info: RawItem | undefined): ArticleHead | 'torn' {
  if (isWholeHeadItem(hot)) return itemToHead(hot);
  if (info === undefined || info.infoTag !== hot.infoTag) return 'torn';
  const { listShard: _listShard, infoTag: _infoTag, ...cold } = info;
  return itemToHead({ ...cold, ...hot });
}

/** What a reader reports when a head stays torn after reading again: not a race, damage. */
export function tornHeadError(pk: string): CorruptItemError {
  return new CorruptItemError(`item ${pk}: the HEAD and INFO items disagree (infoTag differs, or INFO is missing)`);
}

/** The tag a save must find on the stored HEAD item: absent on a head written before the split. */
export function storedTag(hot: RawItem): string | null {
  return typeof hot.infoTag === 'string' ? hot.infoTag : null;
}

/** Whether the stored head still has the counts and holds a save read: the save's lock (see saveCheck). */
export function lockMatches(stored: ArticleHead, previous: ArticleHead): boolean {
  return (
    stored.versionCount === previous.versionCount &&
    stored.changeCount === previous.changeCount &&
    HOLD_FIELDS.every((field) => stored[field] === previous[field])
  );
}
