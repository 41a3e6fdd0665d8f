// Many subscribers behind one ChangePublisher: each message goes to every
// subscription whose filter wants it. The notify Lambda and the local runner
// both publish through this, so a webhook filters the same everywhere.
import { type NotificationFilter, wants } from '../domain/notification-filter';
import { NotificationDeliveryError } from '../errors';
import type { ChangeNotification, ChangePublisher } from '../ports';

export interface Subscription {
  name: string;
  filter: NotificationFilter;
  publisher: ChangePublisher;
}

export class NotificationRouter implements ChangePublisher {
  constructor(private readonly subscriptions: readonly Subscription[]) {}

  /**
   * Delivers to every subscription in turn. A message counts as undelivered when any subscription
   * that wanted it failed; a retry may then reach the others a second time (at least once, never lost).
   */
  async publish(messages: ChangeNotification[]): Promise<void> {
    const undelivered = new Set<number>();
    const reasons: string[] = [];
    for (const subscription of this.subscriptions) {
      const positions = messages.flatMap((message, position) => (wants(subscription.filter, message.attributes) ? [position] : []));
      if (positions.length === 0) continue;
      try {
        await subscription.publisher.publish(positions.map((position) => messages[position] as ChangeNotification));
      } catch (error) {
        if (!(error instanceof NotificationDeliveryError)) throw error;
        for (const index of error.undelivered) {
          const position = positions[index];
          if (position !== undefined) undelivered.add(position);
        }
        reasons.push(`${subscription.name}: ${error.message}`);
      }
    }
    if (undelivered.size > 0)
      throw new NotificationDeliveryError(
        reasons.join('; '),
        [...undelivered].sort((a, b) => a - b),
      );
  }
}
