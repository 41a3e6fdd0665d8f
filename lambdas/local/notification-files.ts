// What local mode keeps about notifications in its data folder: the delivery
// log (one JSON line per webhook attempt, for an operator asking "was it
// sent?") and the cursor of the last change told about, so a restart neither
// repeats old news nor skips what was recorded while serve was down.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeliveryLogEntry } from '../adapters/webhook-publisher';

export const DELIVERY_LOG_FILE = 'deliveries.jsonl';
const CURSOR_FILE = 'notify.cursor';

export function deliveryLogWriter(dataDir: string): (entry: DeliveryLogEntry) => void {
  const file = join(dataDir, DELIVERY_LOG_FILE);
  return (entry) => appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

export interface NotifyCursor {
  read(): string;
  write(cursor: string): void;
}

/** Starts at `start` (serve's start time) the first time a data folder notifies. */
export function notifyCursor(dataDir: string, start: string): NotifyCursor {
  const file = join(dataDir, CURSOR_FILE);
  return {
    read: () => {
      try {
        const text = readFileSync(file, 'utf8').trim();
        return Number.isNaN(Date.parse(text)) ? start : text;
      } catch {
        return start;
      }
    },
    write: (cursor) => writeFileSync(file, cursor),
  };
}
