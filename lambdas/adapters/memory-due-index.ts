// The due index over a MemoryStore's items: the same lanes, order, conditions and paging as
// DynamoDueIndex, so the dispatcher behaves the same on both (test/adapters/due-index-contract.ts).
import type { DueEntry, DueIndex, DuePage } from '../ports';
import type { RawItem } from './dynamo-item-fields';
import type { MemoryStore } from './memory-store';

function toEntry(item: RawItem): DueEntry {
  return {
    key: String(item.pk).slice(2),
    hostKey: typeof item.hostKey === 'string' ? item.hostKey : '',
    slot: String(item.dueSlot),
    leaseCount: typeof item.leaseCount === 'number' ? item.leaseCount : 0,
  };
}

/** The index's order within a lane: sort key, then the table key (as DynamoDB orders equal sort keys). */
function compare(a: DueEntry, b: DueEntry): number {
  if (a.slot !== b.slot) return a.slot < b.slot ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export class MemoryDueIndex implements DueIndex {
  private readonly laneCursors = new Map<string, number>();
  private readonly hostFree = new Map<string, number>();

  constructor(private readonly store: MemoryStore) {}

  async cursors(): Promise<Map<string, number>> {
    return new Map(this.laneCursors);
  }

  async claim(lane: string, from: number | null, to: number): Promise<boolean> {
    if ((this.laneCursors.get(lane) ?? null) !== from) return false;
    this.laneCursors.set(lane, to);
    return true;
  }

  private inRange(lane: string, from: string, to: string): Array<{ entry: DueEntry; item: RawItem }> {
    return this.store
      .headItemsInPlace()
      .filter((item) => item.dueLane === lane && String(item.dueSlot) >= from && String(item.dueSlot) <= to)
      .map((item) => ({ entry: toEntry(item), item }))
      .sort((a, b) => compare(a.entry, b.entry));
  }

  async entries(lane: string, from: string, to: string, limit: number, after?: DueEntry): Promise<DuePage> {
    const found = this.inRange(lane, from, to)
      .map(({ entry }) => entry)
      .filter((entry) => after === undefined || compare(entry, after) > 0);
    return { entries: found.slice(0, limit), more: found.length > limit };
  }

  async count(lane: string, from: string, to: string): Promise<number> {
    return this.inRange(lane, from, to).length;
  }

  private where(lane: string, entry: DueEntry): RawItem | undefined {
    return this.store.headItemsInPlace().find((item) => item.pk === `A#${entry.key}` && item.dueLane === lane && item.dueSlot === entry.slot);
  }

  async lease(lane: string, entry: DueEntry, until: string): Promise<boolean> {
    const item = this.where(lane, entry);
    if (!item) return false;
    item.dueSlot = until;
    item.leaseCount = entry.leaseCount + 1;
    return true;
  }

  async defer(lane: string, entry: DueEntry, to: string, at: string): Promise<boolean> {
    const item = this.where(lane, entry);
    if (!item) return false;
    item.dueLane = to;
    item.dueSlot = at;
    return true;
  }

  async busyHosts(): Promise<Map<string, number>> {
    return new Map(this.hostFree);
  }

  async setHostFreeAt(hostKey: string, freeAtMs: number): Promise<void> {
    this.hostFree.set(hostKey, freeAtMs);
  }

  async forgetHost(hostKey: string, freeAtMs: number): Promise<void> {
    if (this.hostFree.get(hostKey) === freeAtMs) this.hostFree.delete(hostKey);
  }
}
