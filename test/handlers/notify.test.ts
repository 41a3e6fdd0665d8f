// The notify Lambda's stream handling: which records become notifications,
// and which are handed back to the stream when SNS does not take them.
import { describe, expect, it } from 'vitest';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { PublishBatchRequestEntry } from '@aws-sdk/client-sns';
import { CHANGE_PREFIX, COMPRESS_TEXT_ABOVE_BYTES, articlePk, changeToItem, itemToVersion, versionToItem } from '../../lambdas/adapters/dynamo-items';
import { headToItems } from '../../lambdas/adapters/head-items';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store';
import { SnsChangePublisher } from '../../lambdas/adapters/sns-publisher';
import { streamImageToItem } from '../../lambdas/adapters/stream-records';
import { changeJson } from '../../lambdas/domain/json';
import { ConfigError } from '../../lambdas/errors';
import { handler, notifyStreamChanges } from '../../lambdas/handlers/notify';
import { freshTable } from '../support/dynamo';
import { articleHead, changeRecord, saveEdit, versionRecord, watched } from '../adapters/dynamo-store/fixtures';
import { TOPIC_ARN, bodyOf, fakeSns, type EntryOutcome } from '../support/fake-sns';
import { sequenceOf, streamEvent, streamImage, streamImageOf, streamRecord } from '../support/stream-events';

const URL_A = 'https://news.example.org/2026/03/council-budget';
const URL_B = 'https://news.example.org/2026/03/mayor-resigns';

function deps(answer?: (entry: PublishBatchRequestEntry, callNumber: number) => EntryOutcome) {
  const sns = fakeSns(answer);
  return { ...sns, deps: { publisher: new SnsChangePublisher(sns.client, TOPIC_ARN), options: { siteUrl: 'https://monitor.example.org' } } };
}

const titles = (entries: PublishBatchRequestEntry[]) => entries.map((entry) => bodyOf(entry).title);

describe('the notify handler', () => {
  it('notifies once per inserted change item, ignoring heads, versions, later edits and removals of items', async () => {
    const { deps: notifyDeps, delivered } = deps();
    const change = changeRecord(URL_A, 0, 1, { title: 'Council approves budget' });
    const event = streamEvent(
      streamRecord('INSERT', streamImage(headToItems(articleHead(URL_A)).hot)),
      streamRecord('INSERT', streamImage(versionToItem(versionRecord(URL_A, 1)))),
      streamRecord('INSERT', streamImage(changeToItem(change, 0))),
      streamRecord('MODIFY', streamImage(changeToItem({ ...change, title: 'Edited by hand' }, 0))),
      streamRecord('REMOVE', streamImage(changeToItem(change, 0))),
      streamRecord('MODIFY', streamImage(headToItems(articleHead(URL_A, { versionCount: 2 })).hot)),
      streamRecord('INSERT', streamImage(changeToItem(changeRecord(URL_B, 3, 4, { title: 'Mayor resigns' }), 3))),
    );
    const response = await notifyStreamChanges(event, notifyDeps);
    expect(response.batchItemFailures).toEqual([]);
    expect(titles(delivered)).toEqual(['Council approves budget', 'Mayor resigns']);
    expect(bodyOf(delivered[0])).toMatchObject({ ...changeJson(change), diffUrl: expect.stringMatching(/^https:\/\/monitor\.example\.org\/diff\?/) });
  });

  it('does not notify about a boring change', async () => {
    const { deps: notifyDeps, calls } = deps();
    const boring = changeRecord(URL_A, 0, 1, { boring: true, stealth: false, kinds: ['paragraph-edited'] });
    const response = await notifyStreamChanges(streamEvent(streamRecord('INSERT', streamImage(changeToItem(boring, 0)))), notifyDeps);
    expect(response.batchItemFailures).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('reads the change item exactly as the store wrote it to DynamoDB', async () => {
    const { client: documentClient, tableName, endpoint } = await freshTable();
    const store = new DynamoStore(documentClient, tableName);
    const head = await watched(store, URL_A);
    await saveEdit(store, head, '2026-03-02T10:00:00.000Z', { kinds: ['quote'], title: 'Council approves budget', summary: 'a quote changed' });
    const raw = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const stored = await raw.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :change)',
        ExpressionAttributeValues: { ':pk': { S: articlePk(URL_A) }, ':change': { S: CHANGE_PREFIX } },
      }),
    );
    const image = stored.Items?.[0];
    const [recorded] = await store.recentChanges({ url: URL_A });
    if (image === undefined || recorded === undefined) throw new Error('the store wrote no change item');

    const { deps: notifyDeps, delivered } = deps();
    const response = await notifyStreamChanges(streamEvent(streamRecord('INSERT', streamImageOf(image))), notifyDeps);
    expect(response.batchItemFailures).toEqual([]);
    expect(bodyOf(delivered[0])).toEqual({
      ...changeJson(recorded),
      title: 'Council approves budget',
      articleUrl: `https://monitor.example.org/article?url=${encodeURIComponent(URL_A)}`,
      diffUrl: `https://monitor.example.org/diff?url=${encodeURIComponent(URL_A)}&from=0&to=1`,
    });
    expect(delivered[0]?.Subject).toBe('Stealth edit: Council approves budget');
  });

  it('hands back the first record whose notification SNS would not take, and every record after it, in stream order', async () => {
    const { deps: notifyDeps, delivered } = deps((entry) => (bodyOf(entry).title === 'refused' ? { code: 'InternalError', senderFault: false } : 'ok'));
    const records = [
      streamRecord('INSERT', streamImage(changeToItem(changeRecord(URL_A, 0, 1, { title: 'first' }), 0))),
      streamRecord('INSERT', streamImage(changeToItem(changeRecord(URL_A, 1, 2, { title: 'refused' }), 1))),
      streamRecord('INSERT', streamImage(headToItems(articleHead(URL_B)).hot)),
      streamRecord('INSERT', streamImage(changeToItem(changeRecord(URL_B, 0, 1, { title: 'after' }), 0))),
    ];
    const response = await notifyStreamChanges(streamEvent(...records), notifyDeps);
    // Lambda resumes the shard from the lowest reported sequence number: everything from the refused one on comes again.
    expect(response.batchItemFailures).toEqual(records.slice(1).map((record) => ({ itemIdentifier: sequenceOf(record) })));
    expect(titles(delivered)).toContain('first');
    expect(titles(delivered)).not.toContain('refused');
  });

  it('hands back the whole batch from the first change when SNS cannot be reached at all', async () => {
    const { deps: notifyDeps } = deps(() => {
      throw new Error('getaddrinfo ENOTFOUND sns.us-east-1.amazonaws.com');
    });
    const records = [
      streamRecord('MODIFY', streamImage(headToItems(articleHead(URL_A)).hot)),
      streamRecord('INSERT', streamImage(changeToItem(changeRecord(URL_A, 0, 1), 0))),
      streamRecord('INSERT', streamImage(changeToItem(changeRecord(URL_A, 1, 2), 1))),
    ];
    const response = await notifyStreamChanges(streamEvent(...records), notifyDeps);
    expect(response.batchItemFailures).toEqual(records.slice(1).map((record) => ({ itemIdentifier: sequenceOf(record) })));
  });

  it('drops a change item it cannot read, so it never blocks the stream, and still notifies the others', async () => {
    const { deps: notifyDeps, delivered } = deps();
    const { kinds: _kinds, ...withoutKinds } = changeToItem(changeRecord(URL_A, 0, 1, { title: 'hand-edited' }), 0);
    const response = await notifyStreamChanges(
      streamEvent(
        streamRecord('INSERT', streamImage({ ...withoutKinds, kinds: 'number' })),
        streamRecord('INSERT', streamImage(changeToItem(changeRecord(URL_B, 0, 1, { title: 'readable' }), 0))),
      ),
      notifyDeps,
    );
    expect(response.batchItemFailures).toEqual([]);
    expect(titles(delivered)).toEqual(['readable']);
  });

  it('refuses to run without the topic named in CHANGE_TOPIC_ARN, publishing nothing', async () => {
    const saved = process.env.CHANGE_TOPIC_ARN;
    delete process.env.CHANGE_TOPIC_ARN;
    try {
      const event = streamEvent(streamRecord('INSERT', streamImage(changeToItem(changeRecord(URL_A, 0, 1), 0))));
      await expect(handler(event)).rejects.toThrow(ConfigError);
      await expect(handler(event)).rejects.toThrow(/CHANGE_TOPIC_ARN/);
    } finally {
      if (saved !== undefined) process.env.CHANGE_TOPIC_ARN = saved;
    }
  });
});

describe('stream images', () => {
  it('decode binary attributes from base64, so a gzipped version text reads back whole', () => {
    const text = 'A long article paragraph. '.repeat(Math.ceil((COMPRESS_TEXT_ABOVE_BYTES + 1) / 26));
    const item = versionToItem(versionRecord(URL_A, 2, { text }));
    expect(item.textGz).toBeInstanceOf(Uint8Array);
    expect(itemToVersion(streamImageToItem(streamImage(item))).text).toBe(text);
  });
});
