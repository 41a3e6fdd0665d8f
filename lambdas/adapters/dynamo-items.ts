// How records become items of the single table and back (layout in table-schema.ts).
// Reading picks each record field by name, so index attributes never leak into records.
import { gunzipSync, gzipSync } from 'node:zlib';
import { CHANGE_KINDS, type ArticleHead, type ChangeExcerpt, type ChangeKind, type ChangeRecord, type KnownHash, type VersionRecord } from '../domain/types';
import { articleKey } from '../domain/url';
import type { VersionSummary } from '../ports';
import { CorruptItemError, VersionTooLargeError } from '../errors';
import {
  booleanField,
  isRawItem,
  listOf,
  nullableNumberField,
  nullableStringField,
  numberField,
  optionalNullableString,
  stringField,
  type RawItem,
} from './dynamo-item-fields';
import { SHARD_COUNT } from './table-schema';
import { changeCursor } from '../domain/change-cursor';

export const HEAD_SK = 'HEAD';
export const VERSION_PREFIX = 'V#';
export const CHANGE_PREFIX = 'C#';

/**
 * Text above this is gzipped into a binary attribute (textGz). Write units are counted per KB, and
 * article text gzips to about 42% (788 dev-set texts and the seeds, 1-2 KB texts to 52%), so a
 * typical version costs less than half; below 1 KB there is no whole unit left to save.
 */
export const COMPRESS_TEXT_ABOVE_BYTES = 1024;

/** Wide enough that numbers sort as strings for any article's lifetime. */
const NUMBER_WIDTH = 6;
export const MAX_RECORD_NUMBER = 10 ** NUMBER_WIDTH - 1;

function padNumber(n: number): string {
  return String(n).padStart(NUMBER_WIDTH, '0');
}

export function articlePk(url: string): string {
  return `A#${articleKey(url)}`;
}

export function versionSk(version: number): string {
  return `${VERSION_PREFIX}${padNumber(version)}`;
}

function changeSk(changeNumber: number): string {
  return `${CHANGE_PREFIX}${padNumber(changeNumber)}`;
}

/** Derived from the key's hash, so it is stable for a URL and spreads articles evenly. */
export function shardOf(url: string): number {
  const firstByte = Buffer.from(articleKey(url), 'base64url')[0] ?? 0;
  return firstByte % SHARD_COUNT;
}

export function listShardKey(shard: number): string {
  return `L#${shard}`;
}

export function feedMonthKey(year: number, monthIndex: number): string {
  return `M#${year}-${String(monthIndex + 1).padStart(2, '0')}`;
}

export function feedSourceKey(source: string): string {
  return `S#${source}`;
}

function readKnownHash(entry: unknown): KnownHash | undefined {
  if (!isRawItem(entry) || typeof entry.hash !== 'string' || typeof entry.version !== 'number') return undefined;
  return { hash: entry.hash, version: entry.version };
}

function readString(entry: unknown): string | undefined {
  return typeof entry === 'string' ? entry : undefined;
}

function readStatus(item: RawItem): ArticleHead['status'] {
  const status = stringField(item, 'status');
  if (status !== 'active' && status !== 'removed' && status !== 'retired') {
    throw new CorruptItemError(`item ${String(item.pk)} / HEAD: unknown status ${JSON.stringify(status)}`);
  }
  return status;
}

export function itemToHead(item: RawItem): ArticleHead {
  return {
    url: stringField(item, 'url'),
    source: stringField(item, 'source'),
    status: readStatus(item),
    firstSeenAt: stringField(item, 'firstSeenAt'),
    lastCheckedAt: nullableStringField(item, 'lastCheckedAt'),
    lastChangedAt: nullableStringField(item, 'lastChangedAt'),
    versionCount: numberField(item, 'versionCount'),
    changeCount: numberField(item, 'changeCount'),
    currentVersion: nullableNumberField(item, 'currentVersion'),
    latestChars: nullableNumberField(item, 'latestChars'),
    contentHash: nullableStringField(item, 'contentHash'),
    latestTitle: nullableStringField(item, 'latestTitle'),
    nextCheckAt: nullableStringField(item, 'nextCheckAt'),
    // Heads stored before slot scheduling have none: their next check is a one-off time.
    checkEvery: item.checkEvery === undefined ? null : nullableNumberField(item, 'checkEvery'),
    etag: nullableStringField(item, 'etag'),
    lastModified: nullableStringField(item, 'lastModified'),
    failureCount: numberField(item, 'failureCount'),
    lastError: nullableStringField(item, 'lastError'),
    knownHashes: listOf(item, 'knownHashes', 'a list of {hash, version}', readKnownHash),
    variantHashes: listOf(item, 'variantHashes', 'a list of strings', readString),
    flapping: booleanField(item, 'flapping'),
    pendingShrinkHash: nullableStringField(item, 'pendingShrinkHash'),
    steadyVariantHash: optionalNullableString(item, 'steadyVariantHash'),
    currentUrl: nullableStringField(item, 'currentUrl'),
    pausedAt: optionalNullableString(item, 'pausedAt'),
    unwatchedAt: optionalNullableString(item, 'unwatchedAt'),
    extractionFingerprint: optionalNullableString(item, 'extractionFingerprint'),
    pageSignature: optionalNullableString(item, 'pageSignature'),
  };
}

/** Head fields a manager sets (pause, unwatch) that a check's save must not overwrite unseen. */
export const HOLD_FIELDS = ['pausedAt', 'unwatchedAt'] as const;

/**
 * The item at the address an article moved to (url-changed): it holds no history, only the URL
 * of the article's own head, so every lookup of the new address finds the one history. It sits
 * where a head would (sk HEAD), so no second article can be created at that address, and it
 * carries no index keys, so listings and the due index never see it.
 */
export function aliasToItem(aliasUrl: string, targetUrl: string, at: string): RawItem {
  return { pk: articlePk(aliasUrl), sk: HEAD_SK, url: aliasUrl, aliasOf: targetUrl, aliasedAt: at };
}

/** The URL of the article an item at sk HEAD points to, or null when the item is a head itself. */
export function aliasTarget(item: RawItem): string | null {
  return item.aliasOf === undefined ? null : stringField(item, 'aliasOf');
}

/** Every version attribute except the text, for listings that must not pay for it. */
export const VERSION_SUMMARY_FIELDS = [
  'url',
  'version',
  'capturedAt',
  'title',
  'byline',
  'publishedAt',
  'hash',
  'boring',
  'chars',
  'extractionFingerprint',
  'rebaselined',
] as const;

/** Room left for the text once the other attributes are in; DynamoDB refuses items over 400 KB. */
const MAX_STORED_TEXT_BYTES = 380 * 1024;

export function versionToItem(version: VersionRecord): RawItem {
  const { text, ...rest } = version;
  const large = Buffer.byteLength(text, 'utf8') > COMPRESS_TEXT_ABOVE_BYTES;
  const textGz = large ? gzipSync(text) : null;
  if (textGz && textGz.byteLength > MAX_STORED_TEXT_BYTES) {
    throw new VersionTooLargeError(
      `version ${version.version} of ${version.url} is too large to store (${Math.round(textGz.byteLength / 1024)} KB compressed); nothing was written`,
    );
  }
  return {
    ...rest,
    pk: articlePk(version.url),
    sk: versionSk(version.version),
    chars: text.length,
    ...(textGz ? { textGz } : { text }),
  };
}

function readText(item: RawItem): string {
  if (typeof item.text === 'string') return item.text;
  if (item.textGz instanceof Uint8Array) return gunzipSync(item.textGz).toString('utf8');
  throw new CorruptItemError(`item ${String(item.pk)} / ${String(item.sk)}: version has neither "text" nor "textGz"`);
}

export function itemToVersionSummary(item: RawItem): VersionSummary {
  const summary: VersionSummary = {
    url: stringField(item, 'url'),
    version: numberField(item, 'version'),
    capturedAt: stringField(item, 'capturedAt'),
    title: stringField(item, 'title'),
    byline: stringField(item, 'byline'),
    publishedAt: nullableStringField(item, 'publishedAt'),
    hash: stringField(item, 'hash'),
    boring: booleanField(item, 'boring'),
    chars: numberField(item, 'chars'),
  };
  // Added after data was first stored: absent on older versions, and only set when they say something.
  if (item.extractionFingerprint !== undefined) summary.extractionFingerprint = stringField(item, 'extractionFingerprint');
  if (item.rebaselined !== undefined && booleanField(item, 'rebaselined')) summary.rebaselined = true;
  return summary;
}

export function itemToVersion(item: RawItem): VersionRecord {
  const { chars: _chars, ...summary } = itemToVersionSummary(item);
  const updateLine = optionalNullableString(item, 'updateLine');
  return { ...summary, text: readText(item), ...(updateLine !== null ? { updateLine } : {}) };
}

/** The calendar month (UTC) a change is filed under in the 'changes' index. */
function feedMonthOf(detectedAt: string): string {
  const date = new Date(detectedAt);
  return feedMonthKey(date.getUTCFullYear(), date.getUTCMonth());
}

export function changeToItem(change: ChangeRecord, changeNumber: number): RawItem {
  const key = articleKey(change.url);
  return {
    ...change,
    pk: `A#${key}`,
    sk: changeSk(changeNumber),
    feedMonth: feedMonthOf(change.detectedAt),
    feedSource: feedSourceKey(change.source),
    // The key and number make the sort key unique when two changes share a timestamp.
    feedAt: `${changeCursor(change)}#${padNumber(changeNumber)}`,
  };
}

function isChangeKind(value: unknown): value is ChangeKind {
  return CHANGE_KINDS.some((kind) => kind === value);
}

function readKind(entry: unknown): ChangeKind | undefined {
  return isChangeKind(entry) ? entry : undefined;
}

function readExcerpt(entry: unknown): ChangeExcerpt | undefined {
  if (!isRawItem(entry) || typeof entry.before !== 'string' || typeof entry.after !== 'string') return undefined;
  return { before: entry.before, after: entry.after };
}

export function itemToChange(item: RawItem): ChangeRecord {
  const change: ChangeRecord = {
    url: stringField(item, 'url'),
    source: stringField(item, 'source'),
    from: numberField(item, 'from'),
    to: numberField(item, 'to'),
    detectedAt: stringField(item, 'detectedAt'),
    kinds: listOf(item, 'kinds', 'a list of change kinds', readKind),
    boring: booleanField(item, 'boring'),
    stealth: booleanField(item, 'stealth'),
    significance: numberField(item, 'significance'),
    charsAdded: numberField(item, 'charsAdded'),
    charsRemoved: numberField(item, 'charsRemoved'),
    title: stringField(item, 'title'),
    summary: stringField(item, 'summary'),
    excerpts: listOf(item, 'excerpts', 'a list of {before, after}', readExcerpt),
  };
  if (item.newUrl !== undefined) change.newUrl = stringField(item, 'newUrl');
  return change;
}
