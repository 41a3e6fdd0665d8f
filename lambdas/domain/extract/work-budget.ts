// How much CPU one page may cost the extractor. The structural limits (size,
// depth, elements) bound the work on every known shape; the budget is the
// backstop for shapes nobody thought of, so no page can stall a check. It
// counts the process's CPU time, not the clock, so a busy machine does not
// turn an ordinary page into a refused one.
import { ExtractionLimitError } from '../../errors';

/** Units of work between two looks at the clock. */
const CHECK_EVERY = 4096;

function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export class WorkBudget {
  private countdown = CHECK_EVERY;
  private readonly startedAt = performance.now();
  /**
   * The CPU clock at the start, read at the first look instead (most pages end
   * before it) less the time gone by, as if all of it had been CPU time.
   */
  private cpuAtStart: number | null = null;

  constructor(readonly milliseconds: number) {}

  /** Counts one unit of work (a tag, an element visited, a block judged); throws once the budget is spent. */
  tick(): void {
    if (--this.countdown > 0) return;
    this.countdown = CHECK_EVERY;
    const elapsed = performance.now() - this.startedAt;
    this.cpuAtStart ??= cpuMilliseconds() - elapsed;
    // The thread cannot have used more CPU than time went by, so the CPU clock is compared only past that.
    if (elapsed <= this.milliseconds) return;
    if (cpuMilliseconds() - this.cpuAtStart > this.milliseconds) {
      throw new ExtractionLimitError('time', `extraction used more than its ${this.milliseconds} ms of CPU time`);
    }
  }
}
