import { describe, expect, it } from 'vitest';
import { NotificationDeliveryError } from '../../lambdas/errors';
import type { ChangeNotification, ChangePublisher } from '../../lambdas/ports';
import { NotificationRouter } from '../../lambdas/service/notification-router';

function note(summary: string, attributes: Partial<ChangeNotification['attributes']> = {}): ChangeNotification {
  return {
    subject: summary,
    body: JSON.stringify({ summary }),
    attributes: { kinds: ['paragraph-edited'], stealth: false, source: 'npr', significance: 0.1, ...attributes },
  };
}

class Inbox implements ChangePublisher {
  readonly got: string[] = [];
  constructor(private readonly refuse: string[] = []) {}
  async publish(messages: ChangeNotification[]): Promise<void> {
    const undelivered = messages.flatMap((message, index) => (this.refuse.includes(message.subject) ? [index] : []));
    this.got.push(...messages.filter((message) => !this.refuse.includes(message.subject)).map((message) => message.subject));
    if (undelivered.length > 0) throw new NotificationDeliveryError('refused', undelivered);
  }
}

describe('the notification router', () => {
  const messages = [
    note('typo'),
    note('stealth quote', { kinds: ['quote'], stealth: true, significance: 0.5 }),
    note('bbc number', { kinds: ['number'], source: 'bbc', significance: 0.3 }),
  ];

  it('gives each subscription only the changes its filter wants', async () => {
    const everything = new Inbox();
    const stealth = new Inbox();
    const numbersOrQuotes = new Inbox();
    const bbc = new Inbox();
    const significant = new Inbox();
    await new NotificationRouter([
      { name: 'all', filter: {}, publisher: everything },
      { name: 'stealth', filter: { stealth: true }, publisher: stealth },
      { name: 'figures', filter: { kinds: ['number', 'quote'] }, publisher: numbersOrQuotes },
      { name: 'bbc', filter: { sources: ['bbc'] }, publisher: bbc },
      { name: 'big', filter: { minSignificance: 0.4 }, publisher: significant },
    ]).publish(messages);
    expect(everything.got).toEqual(['typo', 'stealth quote', 'bbc number']);
    expect(stealth.got).toEqual(['stealth quote']);
    expect(numbersOrQuotes.got).toEqual(['stealth quote', 'bbc number']);
    expect(bbc.got).toEqual(['bbc number']);
    expect(significant.got).toEqual(['stealth quote']);
  });

  it('delivers to the others when one sink fails, and names the messages to retry by their place in the batch', async () => {
    const failing = new Inbox(['bbc number']);
    const fine = new Inbox();
    const error = await new NotificationRouter([
      { name: 'figures', filter: { kinds: ['number', 'quote'] }, publisher: failing },
      { name: 'all', filter: {}, publisher: fine },
    ])
      .publish(messages)
      .catch((caught: unknown) => caught);
    expect(fine.got).toEqual(['typo', 'stealth quote', 'bbc number']);
    expect(error).toBeInstanceOf(NotificationDeliveryError);
    expect((error as NotificationDeliveryError).undelivered).toEqual([2]);
  });
});
