// How a suppressed variant (A/B headline test) is kept: an item of its own beside the
// article's versions, never in the head, counted up on each check that sees it.
//
//   A#<key> / W#<hash>   {url, source, hash, title, currentTitle, excerpt, firstSeenAt, lastSeenAt, seenCount}
//
// Its first sighting also files it in the change indexes under partitions of its own
// (W#<month>, W#S#<source>), which recentChanges never reads: the feeds find new
// headline tests there without a scan and without an index of their own.
import type { VariantRecord, VariantSighting } from '../domain/types';
import { articleKey } from '../domain/url';
import { MAX_VARIANT_EXCERPT, MAX_VARIANT_TITLE } from '../domain/variants';
import { InconsistentWriteError } from '../errors';
import { numberField, stringField, type RawItem } from './dynamo-item-fields';
import { feedMonthsBack } from './change-listing';
import { articlePk } from './dynamo-items';
import type { Clock } from '../ports';

export const VARIANT_PREFIX = 'W#';

export function variantSk(hash: string): string {
  return `${VARIANT_PREFIX}${hash}`;
}

export function variantMonthKey(year: number, monthIndex: number): string {
  return `${VARIANT_PREFIX}${year}-${String(monthIndex + 1).padStart(2, '0')}`;
}

export function variantSourceKey(source: string): string {
  return `${VARIANT_PREFIX}S#${source}`;
}

/** The month partitions one listing of variants reads, newest first: the change feed's months, under the variants' prefix. */
export function variantMonthsBack(before: string | undefined, clock: Clock): string[] {
  return feedMonthsBack(before, clock).map((month) => `${VARIANT_PREFIX}${month.slice(month.indexOf('#') + 1)}`);
}

/** The index keys a variant is filed under from its first sighting on; feedAt sorts by that time and stays unique. */
function firstSightingKeys(sighting: VariantSighting): { feedMonth: string; feedSource: string; feedAt: string } {
  const date = new Date(sighting.seenAt);
  return {
    feedMonth: variantMonthKey(date.getUTCFullYear(), date.getUTCMonth()),
    feedSource: variantSourceKey(sighting.source),
    feedAt: `${sighting.seenAt}#${articleKey(sighting.url)}#${sighting.hash}`,
  };
}

/** A save's variants must be for its article, dated, bounded and distinct (one transaction cannot touch an item twice). */
export function checkVariantSightings(url: string, sightings: readonly VariantSighting[]): void {
  const hashes = new Set<string>();
  for (const sighting of sightings) {
    const problem =
      sighting.url !== url
        ? `a variant is for another URL (${sighting.url})`
        : !/^[0-9a-f]{16,64}$/.test(sighting.hash)
          ? `a variant's hash is not a content hash: ${JSON.stringify(sighting.hash)}`
          : hashes.has(sighting.hash)
            ? `variant ${sighting.hash} is listed twice`
            : Number.isNaN(Date.parse(sighting.seenAt))
              ? `a variant's seenAt is not a date: ${JSON.stringify(sighting.seenAt)}`
              : sighting.excerpt.length > MAX_VARIANT_EXCERPT || sighting.title.length > MAX_VARIANT_TITLE || sighting.currentTitle.length > MAX_VARIANT_TITLE
                ? `variant ${sighting.hash} is over its size limits (excerpt ${MAX_VARIANT_EXCERPT}, titles ${MAX_VARIANT_TITLE} characters)`
                : null;
    if (problem !== null) throw new InconsistentWriteError(`${problem} (article ${url}); nothing was written`);
    hashes.add(sighting.hash);
  }
}

/** The latest sighting's words, set on every sighting. */
function sightingFields(sighting: VariantSighting): RawItem {
  return {
    url: sighting.url,
    source: sighting.source,
    hash: sighting.hash,
    title: sighting.title,
    currentTitle: sighting.currentTitle,
    excerpt: sighting.excerpt,
    lastSeenAt: sighting.seenAt,
  };
}

/** The UpdateItem (for a transaction) that records one sighting: created on the first, counted up on each. */
export function variantUpdate(tableName: string, sighting: VariantSighting) {
  const set = sightingFields(sighting);
  const once: RawItem = { firstSeenAt: sighting.seenAt, ...firstSightingKeys(sighting) };
  const names: Record<string, string> = { '#seenCount': 'seenCount' };
  const values: Record<string, unknown> = { ':one': 1 };
  const clauses: string[] = [];
  for (const [field, value] of Object.entries(set)) {
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    clauses.push(`#${field} = :${field}`);
  }
  for (const [field, value] of Object.entries(once)) {
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    clauses.push(`#${field} = if_not_exists(#${field}, :${field})`);
  }
  return {
    TableName: tableName,
    Key: { pk: articlePk(sighting.url), sk: variantSk(sighting.hash) },
    UpdateExpression: `SET ${clauses.join(', ')} ADD #seenCount :one`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** What variantUpdate makes of the stored item, for a store that applies it itself. */
export function applyVariantSighting(existing: RawItem | undefined, sighting: VariantSighting): RawItem {
  const once: RawItem = { firstSeenAt: sighting.seenAt, ...firstSightingKeys(sighting) };
  const kept = Object.fromEntries(Object.entries(once).map(([field, value]) => [field, existing?.[field] ?? value]));
  const seenCount = typeof existing?.seenCount === 'number' ? existing.seenCount : 0;
  return {
    ...existing,
    pk: articlePk(sighting.url),
    sk: variantSk(sighting.hash),
    ...sightingFields(sighting),
    ...kept,
    seenCount: seenCount + 1,
  };
}

export function isVariantItem(item: RawItem): boolean {
  return String(item.sk).startsWith(VARIANT_PREFIX);
}

export function itemToVariant(item: RawItem): VariantRecord {
  return {
    url: stringField(item, 'url'),
    source: stringField(item, 'source'),
    hash: stringField(item, 'hash'),
    title: stringField(item, 'title'),
    currentTitle: stringField(item, 'currentTitle'),
    excerpt: stringField(item, 'excerpt'),
    firstSeenAt: stringField(item, 'firstSeenAt'),
    lastSeenAt: stringField(item, 'lastSeenAt'),
    seenCount: numberField(item, 'seenCount'),
  };
}

/** First seen first; the hash orders variants first seen at the same check. */
export function byFirstSighting(a: VariantRecord, b: VariantRecord): number {
  return a.firstSeenAt < b.firstSeenAt ? -1 : a.firstSeenAt > b.firstSeenAt ? 1 : a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0;
}
