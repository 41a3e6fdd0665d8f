// A wall-clock budget shared by every step of one diff, so a pathological
// pair of texts degrades to a coarser answer instead of stalling a check.

export interface Deadline {
  expired(): boolean;
}

export function deadlineIn(budgetMs: number): Deadline {
  const end = performance.now() + Math.max(0, budgetMs);
  return { expired: () => performance.now() >= end };
}
