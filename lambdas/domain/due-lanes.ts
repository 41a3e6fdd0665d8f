// The lanes of the due index. A periodic lane holds the articles checked every
// `every` seconds, sorted by their slot within the interval, so a dispatcher
// sweeps it like a clock hand; a one-off lane holds first checks and retries,
// sorted by due time. Each kind is split into shards so no partition gets hot.
import { createHash } from 'node:crypto';
import { articleKey } from './url';

/** Partitions per lane kind: enough to spread 1,000+ lease writes a second. */
export const DUE_SHARDS = 16;

/** Slot seconds are padded so they sort as strings: wide enough for an interval of 300 years. */
const SLOT_WIDTH = 10;

export type DueLane = { kind: 'periodic'; every: number; shard: number } | { kind: 'one-off'; shard: number };

export function laneName(lane: DueLane): string {
  return lane.kind === 'periodic' ? `P#${lane.every}#${lane.shard}` : `O#${lane.shard}`;
}

const PERIODIC = /^P#([1-9]\d{0,9})#(\d{1,3})$/;
const ONE_OFF = /^O#(\d{1,3})$/;

/** The lane a stored name stands for, or null for a name no version of the monitor writes. */
export function parseLane(name: string): DueLane | null {
  const periodic = PERIODIC.exec(name);
  if (periodic) return { kind: 'periodic', every: Number(periodic[1]), shard: Number(periodic[2]) };
  const oneOff = ONE_OFF.exec(name);
  if (oneOff) return { kind: 'one-off', shard: Number(oneOff[1]) };
  return null;
}

export function dueShardOf(url: string): number {
  return (Buffer.from(articleKey(url), 'base64url')[0] ?? 0) % DUE_SHARDS;
}

export function slotSortKey(slot: number): string {
  return String(slot).padStart(SLOT_WIDTH, '0');
}

/** A short, stable name for the article's host, so a dispatcher can space a host's checks without reading heads. */
export function hostKeyOf(url: string): string {
  return createHash('sha256').update(new URL(url).host).digest('base64url').slice(0, 10);
}
