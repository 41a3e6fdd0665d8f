// How much CPU one page may cost the extractor. The structural limits (size,
// depth, elements) bound the work on every known shape; the budget is the
// backstop for shapes nobody thought of, so no page can stall a check. It
// counts CPU time, not the clock, so a busy machine does not turn an ordinary
// page into a refused one; where it can, the CPU time of the extracting thread
// alone, so neither do the collector's helper threads nor the pool's other workers.
import { ExtractionLimitError } from '../../errors';

/** Milliseconds of CPU time used so far, on a clock whose start does not matter. */
export type CpuClock = () => number;

/**
 * The whole process's CPU time: what any platform can tell. It counts the
 * collector's threads and any other thread too, so callers that can read their
 * own thread's time pass that clock instead (adapters/thread-cpu-clock.ts).
 */
export const processCpuClock: CpuClock = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Units of work between two looks at the clock. */
const CHECK_EVERY = 4096;

export class WorkBudget {
  private countdown = CHECK_EVERY;
  private readonly startedAt = performance.now();
  /**
   * The CPU clock at the start, read at the first look instead (most pages end
   * before it) less the time gone by, as if all of it had been CPU time.
   */
  private cpuAtStart: number | null = null;

  constructor(
    readonly milliseconds: number,
    private readonly cpuClock: CpuClock = processCpuClock,
  ) {}

  /** Counts one unit of work (a tag, an element visited, a block judged); throws once the budget is spent. */
  tick(): void {
    if (--this.countdown > 0) return;
    this.countdown = CHECK_EVERY;
    const elapsed = performance.now() - this.startedAt;
    this.cpuAtStart ??= this.cpuClock() - elapsed;
    // The thread cannot have used more CPU than time went by, so the CPU clock is compared only past that.
    if (elapsed <= this.milliseconds) return;
    if (this.cpuClock() - this.cpuAtStart > this.milliseconds) {
      throw new ExtractionLimitError('time', `extraction used more than its ${this.milliseconds} ms of CPU time`);
    }
  }
}
