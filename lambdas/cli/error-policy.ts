// The CLI edge's error policy: how each failure ends a command. A usage
// mistake says what was wrong and the command's usage line (exit 2); any failure the monitor raises on purpose
// is one line (exit 1); anything else is one line too, with the stack only
// on request, because the user can act on the message, not on our internals.
// Messages quote strangers' servers (headers, pages), so what reaches the
// terminal has its control characters removed.
import { MonitorError, StoreBusyError, StoreUnavailableError, UsageError } from '../errors';
import { usageErrorLines } from './args';
import { safeForTerminal } from './terminal-diff';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
/** Stopped by Ctrl+C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

export interface CommandFailure {
  exitCode: number;
  lines: string[];
}

/** The one line a failure shows. */
export function failureLine(error: unknown): string {
  return `monitor: ${safeForTerminal(error instanceof Error ? error.message : String(error))}`;
}

export function commandFailure(error: unknown, options: { debug: boolean }): CommandFailure {
  if (error instanceof UsageError) return { exitCode: EXIT_USAGE, lines: usageErrorLines(error) };
  if (error instanceof MonitorError) return { exitCode: EXIT_FAILED, lines: [failureLine(error)] };
  const lines = [failureLine(error)];
  if (options.debug && error instanceof Error && error.stack) lines.push(error.stack);
  return { exitCode: EXIT_FAILED, lines };
}

/**
 * Whether a failure on one input of a multi-input command (watch, check, extract) is reported and
 * the command goes on to the next input; other failures stop the command. A database that does not
 * answer stops it: every later input would wait out the same timeouts.
 */
export function failsOnlyThisInput(error: unknown): error is MonitorError {
  return error instanceof MonitorError && !(error instanceof StoreUnavailableError || error instanceof StoreBusyError);
}
