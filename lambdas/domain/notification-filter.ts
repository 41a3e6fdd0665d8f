// Which changes a subscriber wants, as monitor.config.json states it per
// subscription. The same four attributes an SNS filter policy matches on
// (kinds, stealth, source, significance), so a webhook and a topic
// subscription filter alike. Every stated condition must hold; within a list,
// any listed value will do.
import type { ChangeKind } from './types';

export interface NotificationFilter {
  /** Any of these kinds. */
  kinds?: ChangeKind[];
  /** true: only stealth edits; false: only acknowledged ones. */
  stealth?: boolean;
  /** Any of these sources. */
  sources?: string[];
  /** At least this significant (0..1). */
  minSignificance?: number;
}

export interface FilterableAttributes {
  kinds: readonly ChangeKind[];
  stealth: boolean;
  source: string;
  significance: number;
}

export function wants(filter: NotificationFilter, change: FilterableAttributes): boolean {
  if (filter.kinds !== undefined && filter.kinds.length > 0 && !filter.kinds.some((kind) => change.kinds.includes(kind))) return false;
  if (filter.stealth !== undefined && change.stealth !== filter.stealth) return false;
  if (filter.sources !== undefined && filter.sources.length > 0 && !filter.sources.includes(change.source)) return false;
  if (filter.minSignificance !== undefined && change.significance < filter.minSignificance) return false;
  return true;
}
