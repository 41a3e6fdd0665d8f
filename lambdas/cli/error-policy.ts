// The CLI edge's error policy: how each failure ends a command. A usage
// mistake says what was wrong and the command's usage line (exit 2); any failure the monitor raises on purpose
// is one line (exit 1); anything else is one line too, with the stack only
// on request, because the user can act on the message, not on our internals.
import { MonitorError, UsageError } from '../errors';
import { usageErrorLines } from './args';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
/** Stopped by Ctrl+C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

export interface CommandFailure {
  exitCode: number;
  lines: string[];
}

export function commandFailure(error: unknown, options: { debug: boolean }): CommandFailure {
  if (error instanceof UsageError) return { exitCode: EXIT_USAGE, lines: usageErrorLines(error) };
  if (error instanceof MonitorError) return { exitCode: EXIT_FAILED, lines: [`monitor: ${error.message}`] };
  const lines = [`monitor: ${error instanceof Error ? error.message : String(error)}`];
  if (options.debug && error instanceof Error && error.stack) lines.push(error.stack);
  return { exitCode: EXIT_FAILED, lines };
}

/**
 * Whether a failure on one input of a multi-input command (watch, check, extract) is reported and
 * the command goes on to the next input; other failures stop the command.
 */
export function failsOnlyThisInput(error: unknown): error is MonitorError {
  return error instanceof MonitorError;
}
