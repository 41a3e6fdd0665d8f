// The queue edge's error policy: what a failed message becomes. A failure that
// retrying cannot mend (the article is no longer watched, the message or URL is
// unusable) drops the message; any other is handed back to the queue to retry
// later, and after a few receives to the dead-letter queue.
import { CorruptItemError, type FailureKind, MonitorError } from '../errors';

export type MessageDisposition = 'drop' | 'retry';

const DISPOSITION: Record<FailureKind, MessageDisposition> = {
  'invalid-input': 'drop',
  'not-found': 'drop',
  unauthorized: 'retry',
  refused: 'retry',
  upstream: 'retry',
  conflict: 'retry',
  busy: 'retry',
  broken: 'retry',
};

export function messageDisposition(error: unknown): MessageDisposition {
  // A stored item the code cannot read reads the same on every retry: retrying would only loop it through the dead-letter queue.
  if (error instanceof CorruptItemError) return 'drop';
  return error instanceof MonitorError ? DISPOSITION[error.kind] : 'retry';
}
