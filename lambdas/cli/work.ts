// Long CLI work: progress on stderr, and Ctrl+C that stops cleanly. The first
// Ctrl+C stops new items from starting and lets the ones under way finish (each
// check or watch saves in one write, so none is ever half-recorded); a second
// one ends the process at once, after saying what was done.
import { Progress, type ProgressSink, type ProgressTiming } from './progress';

export interface WorkIo {
  err(line: string): void;
  /** stderr, for progress; no progress without it. */
  progress?: ProgressSink;
  progressTiming?: ProgressTiming;
  /** Calls `handler` on every Ctrl+C until the returned function is called. */
  onInterrupt?(handler: () => void): () => void;
  /** Ends the process at once with this code. */
  exitNow?(code: number): void;
}

export interface Work {
  /** Aborted by the first Ctrl+C. */
  signal: AbortSignal;
  interrupted(): boolean;
  setTotal(total: number): void;
  /** One item done, with what to say about the work so far. */
  advance(detail?: string): void;
  /** What to say if a second Ctrl+C ends the process before the work is reported. */
  onAbandon(describe: () => string): void;
  /** Takes the progress off the screen and stops listening for Ctrl+C. */
  finish(): void;
}

export function startWork(io: WorkIo, verb: string, total: number | null): Work {
  const controller = new AbortController();
  const progress = io.progress ? new Progress(io.progress, verb, total, io.progressTiming).start() : null;
  let describe = (): string => '';
  const stopListening = io.onInterrupt?.(() => {
    progress?.finish();
    if (!controller.signal.aborted) {
      controller.abort();
      io.err(`monitor: stopping: nothing new will start; finishing what is under way (Ctrl+C again to stop at once)`);
      return;
    }
    const done = describe();
    io.err(`monitor: stopped at once${done ? `: ${done}` : ''}; work that was under way was not recorded (nothing is half-written)`);
    io.exitNow?.(130);
  });
  return {
    signal: controller.signal,
    interrupted: () => controller.signal.aborted,
    setTotal: (count) => progress?.setTotal(count),
    advance: (detail) => progress?.advance(detail),
    onAbandon: (fn) => {
      describe = fn;
    },
    finish: () => {
      progress?.finish();
      stopListening?.();
    },
  };
}
