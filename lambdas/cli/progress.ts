// Progress of long work, on stderr so stdout stays the command's output. Nothing
// shows for work done within ~2 s; after that a terminal gets one bar redrawn in
// place, and a log or pipe a plain line every few seconds.

export interface ProgressSink {
  /** Writes text as is (no newline added). */
  write(text: string): void;
  /** A terminal, where a line can be redrawn in place. */
  isTty: boolean;
}

export interface ProgressTiming {
  /** Nothing is shown before this much time has passed. */
  delayMs: number;
  /** Without a terminal, one line this often. */
  lineEveryMs: number;
  /** On a terminal, the bar is redrawn at most this often. */
  redrawMs: number;
}

const DEFAULT_TIMING: ProgressTiming = { delayMs: 2000, lineEveryMs: 5000, redrawMs: 100 };

const BAR_WIDTH = 24;

export class Progress {
  private done = 0;
  private detail = '';
  private readonly startedAt: number;
  private lastShownAt: number | null = null;
  private barShown = false;
  private timer: ReturnType<typeof setInterval> | null = null;

  /**
   * @param verb what is being done, as in "checking" or "watching".
   * @param total how many items there are, or null when not known (export).
   */
  constructor(
    private readonly sink: ProgressSink,
    private readonly verb: string,
    private total: number | null,
    private readonly timing: ProgressTiming = DEFAULT_TIMING,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
  }

  /** Shows progress on a timer too, so a slow item still shows the work is alive. */
  start(): this {
    this.timer = setInterval(() => this.render(), Math.max(250, Math.min(this.timing.redrawMs * 5, 1000)));
    this.timer.unref();
    return this;
  }

  setTotal(total: number): void {
    this.total = total;
  }

  /** One more item done; `detail` is what to say about the work so far ("3 changed"). */
  advance(detail?: string): void {
    this.done++;
    if (detail !== undefined) this.detail = detail;
    this.render();
  }

  render(): void {
    const now = this.now();
    const elapsed = now - this.startedAt;
    if (elapsed < this.timing.delayMs) return;
    const every = this.sink.isTty ? this.timing.redrawMs : this.timing.lineEveryMs;
    if (this.lastShownAt !== null && now - this.lastShownAt < every) return;
    this.lastShownAt = now;
    if (this.sink.isTty) {
      this.sink.write(`\r\x1b[K${this.bar()} ${this.counts()}${this.detail ? ` · ${this.detail}` : ''} · ${clock(elapsed)}`);
      this.barShown = true;
    } else {
      this.sink.write(`monitor: ${this.verb}: ${this.counts()}${this.detail ? `, ${this.detail}` : ''} (${clock(elapsed)})\n`);
    }
  }

  /** Stops the timer and takes the bar off the screen, so what follows starts on a clean line. */
  finish(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.barShown) this.sink.write('\r\x1b[K');
    this.barShown = false;
  }

  private counts(): string {
    return this.total === null ? `${this.done} done` : `${this.done}/${this.total} done`;
  }

  private bar(): string {
    if (this.total === null || this.total === 0) return `${this.verb}`;
    const filled = Math.round((Math.min(this.done, this.total) / this.total) * BAR_WIDTH);
    return `${this.verb} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
  }
}

/** "0:07", "12:03". */
function clock(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
