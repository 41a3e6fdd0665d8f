// A wall-clock budget shared by every step of one diff, so a pathological
// pair of texts degrades to a coarser answer instead of stalling a check.

export interface Deadline {
  expired(): boolean;
  /**
   * A sooner deadline for a step whose fallback still needs time: it passes once
   * `fraction` of the time now left has gone, keeping the rest for the steps after it.
   */
  share(fraction: number): Deadline;
}

function deadlineAt(end: number): Deadline {
  return {
    expired: () => performance.now() >= end,
    share: (fraction) => {
      const now = performance.now();
      return deadlineAt(now + Math.max(0, end - now) * fraction);
    },
  };
}

export function deadlineIn(budgetMs: number): Deadline {
  return deadlineAt(performance.now() + Math.max(0, budgetMs));
}
