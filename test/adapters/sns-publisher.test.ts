// The SNS adapter's batching and failure handling, against a real SNSClient
// that stops at its own middleware (fake-sns.ts).
import { describe, expect, it } from 'vitest';
import { MAX_BATCH_BYTES, SnsChangePublisher } from '../../lambdas/adapters/sns-publisher';
import { NotificationDeliveryError } from '../../lambdas/errors';
import type { ChangeNotification } from '../../lambdas/ports';
import { TOPIC_ARN, bodyOf, fakeSns, type EntryOutcome } from '../support/fake-sns';

function notification(n: number, overrides: Partial<ChangeNotification> = {}): ChangeNotification {
  return {
    subject: `Changed: article ${n}`,
    body: JSON.stringify({ n }),
    attributes: { kinds: ['number'], stealth: false, source: 'news.example.org', significance: 0.5 },
    ...overrides,
  };
}

function numbered(count: number): ChangeNotification[] {
  return Array.from({ length: count }, (_, n) => notification(n));
}

function publisherWith(answer?: (n: number, callNumber: number) => EntryOutcome) {
  const sns = fakeSns(answer && ((entry, callNumber) => answer(Number(bodyOf(entry).n), callNumber)));
  return { ...sns, publisher: new SnsChangePublisher(sns.client, TOPIC_ARN) };
}

async function deliveryError(promise: Promise<unknown>): Promise<NotificationDeliveryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof NotificationDeliveryError) return error;
    throw error;
  }
  throw new Error('expected a NotificationDeliveryError');
}

const sentNumbers = (entries: Array<{ Message?: string | undefined }>) => entries.map((entry) => Number(bodyOf(entry).n));

describe('SnsChangePublisher', () => {
  it('publishes in order, at most ten per PublishBatch call', async () => {
    const { publisher, calls, delivered } = publisherWith();
    await publisher.publish(numbered(23));
    expect(calls.map((call) => call.entries.length)).toEqual([10, 10, 3]);
    expect(calls.every((call) => call.topicArn === TOPIC_ARN)).toBe(true);
    expect(sentNumbers(delivered)).toEqual(Array.from({ length: 23 }, (_, n) => n));
    // Ids are unique within each call, as SNS requires.
    for (const call of calls) expect(new Set(call.entries.map((entry) => entry.Id)).size).toBe(call.entries.length);
  });

  it('splits a batch before its messages add up to more than SNS accepts in one call', async () => {
    const { publisher, calls, delivered } = publisherWith();
    const big = Array.from({ length: 5 }, (_, n) => notification(n, { body: JSON.stringify({ n, pad: 'x'.repeat(100_000) }) }));
    await publisher.publish(big);
    expect(calls.map((call) => call.entries.length)).toEqual([2, 2, 1]);
    for (const call of calls) {
      expect(call.entries.reduce((sum, entry) => sum + Buffer.byteLength(entry.Message ?? ''), 0)).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    }
    expect(sentNumbers(delivered)).toEqual([0, 1, 2, 3, 4]);
  });

  it('tries an entry SNS failed on its side once more, and succeeds quietly when the retry is delivered', async () => {
    const { publisher, calls, delivered } = publisherWith((n, callNumber) =>
      n === 2 && callNumber === 1 ? { code: 'InternalError', senderFault: false } : 'ok',
    );
    await publisher.publish(numbered(4));
    expect(calls.map((call) => sentNumbers(call.entries))).toEqual([[0, 1, 2, 3], [2]]);
    expect(sentNumbers(delivered)).toEqual([0, 1, 3, 2]);
  });

  it('throws NotificationDeliveryError naming the entry that failed twice and every later one, without sending the later batches', async () => {
    const { publisher, calls, delivered } = publisherWith((n) => (n === 12 ? { code: 'Throttled', senderFault: false } : 'ok'));
    const error = await deliveryError(publisher.publish(numbered(25)));
    // 13..19 shared the failed entry's batch and were delivered; 20..24 were never sent.
    expect(error.undelivered).toEqual([12, 20, 21, 22, 23, 24]);
    expect(error.message).toContain('Throttled');
    // First batch, second batch, the retry of the failed entry; never the third batch.
    expect(calls.map((call) => call.entries.length)).toEqual([10, 10, 1]);
    expect(sentNumbers(delivered)).not.toContain(12);
    expect(sentNumbers(delivered).filter((n) => n >= 20)).toEqual([]);
  });

  it('does not retry an entry SNS refused as the sender’s fault, but still retries its batch-mate that SNS failed', async () => {
    const { publisher, calls } = publisherWith((n) => {
      if (n === 1) return { code: 'InvalidParameter', senderFault: true };
      if (n === 3) return { code: 'InternalError', senderFault: false };
      return 'ok';
    });
    const error = await deliveryError(publisher.publish(numbered(5)));
    expect(error.undelivered).toEqual([1, 3]);
    expect(error.message).toContain('InvalidParameter');
    expect(calls.map((call) => sentNumbers(call.entries))).toEqual([[0, 1, 2, 3, 4], [3]]);
  });

  it('reports the whole batch and every later one undelivered when the call itself fails', async () => {
    const { publisher } = publisherWith((n) => {
      if (n >= 10) throw new Error('connect ETIMEDOUT');
      return 'ok';
    });
    const error = await deliveryError(publisher.publish(numbered(25)));
    expect(error.undelivered).toEqual(Array.from({ length: 15 }, (_, i) => 10 + i));
    expect(error.message).toContain('ETIMEDOUT');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('leaves out a source attribute that is empty, which SNS would refuse', async () => {
    const { publisher, delivered } = publisherWith();
    await publisher.publish([notification(0, { attributes: { kinds: ['title'], stealth: true, source: '', significance: 1 } })]);
    expect(Object.keys(delivered[0]?.MessageAttributes ?? {}).sort()).toEqual(['kinds', 'significance', 'stealth']);
  });

  it('makes no call for an empty list', async () => {
    const { publisher, calls } = publisherWith();
    await publisher.publish([]);
    expect(calls).toEqual([]);
  });
});
