// Tells subscribers about newly recorded changes. Boring ones (whitespace,
// typography, case) are nobody's news and are left out.
import type { ChangeRecord } from '../domain/types';
import { NotificationDeliveryError } from '../errors';
import type { ChangePublisher } from '../ports';
import { configuredBaseUrl } from '../domain/site-links';
import { changeNotification } from './change-notification';

export interface NotifyOptions {
  /** The public site (e.g. the web Function URL); notifications link to its pages when set. */
  siteUrl?: string;
}

export interface NotifyReport {
  published: number;
  skippedBoring: number;
}

/**
 * Publishes one notification per change that is not boring, in order. Throws
 * ConfigError for an unusable siteUrl (nothing published), and
 * NotificationDeliveryError whose `undelivered` are positions in `changes`.
 */
export async function notifyChanges(changes: ChangeRecord[], publisher: ChangePublisher, options: NotifyOptions = {}): Promise<NotifyReport> {
  const baseUrl = options.siteUrl === undefined ? undefined : configuredBaseUrl(options.siteUrl);
  const newsworthy = changes.flatMap((change, position) => (change.boring ? [] : [{ change, position }]));
  if (newsworthy.length > 0) {
    try {
      await publisher.publish(newsworthy.map(({ change }) => changeNotification(change, baseUrl)));
    } catch (error) {
      if (!(error instanceof NotificationDeliveryError)) throw error;
      const undelivered = error.undelivered.flatMap((index) => {
        const entry = newsworthy[index];
        return entry === undefined ? [] : [entry.position];
      });
      throw new NotificationDeliveryError(error.message, undelivered, { cause: error });
    }
  }
  return { published: newsworthy.length, skippedBoring: changes.length - newsworthy.length };
}
