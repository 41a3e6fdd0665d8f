// Runs a task over many items with bounded concurrency, for commands that work
// through a list (watch and check many URLs, check everything due). Politeness
// per host is the host limiter's; this only bounds how much runs at once overall.

export interface PoolOptions {
  concurrency: number;
  /** Once aborted, no new item is started; the ones running finish. */
  signal?: AbortSignal;
}

/**
 * Calls `task` for each item, at most `concurrency` at a time, starting them in order.
 * Resolves with the number of items started. If a task throws, no new item is started,
 * the running ones finish, and the first error is thrown.
 */
export async function forEachBounded<T>(items: readonly T[], task: (item: T, index: number) => Promise<void>, options: PoolOptions): Promise<number> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (next < items.length && failure === null && !options.signal?.aborted) {
      const index = next++;
      try {
        await task(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return next;
}
