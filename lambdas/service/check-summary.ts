// What a run of many checks came to, in the groups a reader asks about first:
// what changed, what failed, what stayed the same. The CLI lists changes first
// and ends with this line; the server's log can say the same.
import type { CheckReport } from './checker';

type CheckGroup = 'changed' | 'rebaselined' | 'failed' | 'pending' | 'skipped' | 'unchanged';

/** The order a listing shows the groups in: what needs reading first. */
const GROUP_ORDER: readonly CheckGroup[] = ['changed', 'rebaselined', 'failed', 'pending', 'skipped', 'unchanged'];

function groupOf(report: CheckReport): CheckGroup {
  switch (report.outcome) {
    case 'first-version':
    case 'new-version':
    case 'revert':
    case 'removed':
    case 'restored':
    case 'url-changed':
      return 'changed';
    case 'rebaselined':
      return 'rebaselined';
    case 'failed':
    case 'rejected':
    case 'retry-later':
      return 'failed';
    case 'shrink-pending':
      return 'pending';
    case 'paused':
    case 'unwatched':
    case 'already-checked':
      return 'skipped';
    case 'unchanged':
    case 'variant-suppressed':
    case 'still-removed':
    case 'duplicate':
      return 'unchanged';
  }
}

/** Reports sorted for reading: changes first, then failures, then the rest; input order within a group. */
export function forReading(reports: readonly CheckReport[]): CheckReport[] {
  return reports
    .map((report, index) => ({ report, index, rank: GROUP_ORDER.indexOf(groupOf(report)) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ report }) => report);
}

export interface CheckTally {
  checked: number;
  groups: Record<CheckGroup, number>;
}

/** `errors`: checks that threw (the article stays due); they count as failed. */
export function tally(reports: readonly CheckReport[], errors = 0): CheckTally {
  const groups: Record<CheckGroup, number> = { changed: 0, rebaselined: 0, failed: errors, pending: 0, skipped: 0, unchanged: 0 };
  for (const report of reports) groups[groupOf(report)]++;
  return { checked: reports.length + errors, groups };
}

/**
 * "50 articles checked: 3 changed, 1 failed, 46 unchanged" (rarer groups only when there are some).
 * @param noun what was checked, in the singular ("article", "due article", "URL").
 */
export function summaryLine(counts: CheckTally, noun = 'article'): string {
  const { groups } = counts;
  const parts = [`${groups.changed} changed`];
  if (groups.rebaselined > 0) parts.push(`${groups.rebaselined} re-baselined (extraction settings changed)`);
  parts.push(`${groups.failed} failed`);
  if (groups.pending > 0) parts.push(`${groups.pending} waiting to confirm a shrink`);
  if (groups.skipped > 0) parts.push(`${groups.skipped} skipped (paused, unwatched or already checked)`);
  parts.push(`${groups.unchanged} unchanged`);
  return `${counts.checked} ${counts.checked === 1 ? noun : `${noun}s`} checked: ${parts.join(', ')}`;
}
