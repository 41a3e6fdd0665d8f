// What only DynamoDB can show about managing articles (the rest is in the store
// contract): a deletion leaves no item behind, and one cut short is finished by
// running it again.
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoStore } from '../../../lambdas/adapters/dynamo-store';
import { articlePk } from '../../../lambdas/adapters/dynamo-items';
import type { ArticleHead } from '../../../lambdas/domain/types';
import { freshTable } from '../../support/dynamo';
import { changeRecord, saveEdit, watched } from './fixtures';

const OLD_URL = 'https://news.example.com/2026/03/budget';
const NEW_URL = 'https://news.example.com/2026/03/budget-approved';

describe('DynamoStore.deleteArticle', () => {
  it('leaves no item of the article or its alias, also after being cut short', async () => {
    const { client, tableName } = await freshTable();
    const store = new DynamoStore(client, tableName);
    const itemsOf = async (url: string) =>
      (await client.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': articlePk(url) } })))
        .Items ?? [];

    const head = await saveEdit(store, await watched(store, OLD_URL), '2026-03-02T09:00:00.000Z');
    const next: ArticleHead = { ...head, changeCount: head.changeCount + 1, currentUrl: NEW_URL };
    const change = changeRecord(OLD_URL, 1, 1, { detectedAt: '2026-03-02T10:00:00.000Z', kinds: ['url-changed'], newUrl: NEW_URL });
    await store.saveCheck(head, next, { change, alias: NEW_URL });
    expect((await itemsOf(OLD_URL)).map((item) => item.sk)).toEqual(['C#000000', 'C#000001', 'HEAD', 'INFO', 'V#000000', 'V#000001']);
    expect(await itemsOf(NEW_URL)).toEqual([expect.objectContaining({ sk: 'HEAD', aliasOf: OLD_URL })]);

    // As if a first run had stopped after deleting the alias and one change: the alias goes first,
    // because it is found through the change that recorded the move.
    await client.send(new DeleteCommand({ TableName: tableName, Key: { pk: articlePk(NEW_URL), sk: 'HEAD' } }));
    await client.send(new DeleteCommand({ TableName: tableName, Key: { pk: articlePk(OLD_URL), sk: 'C#000000' } }));
    expect(await store.deleteArticle(OLD_URL)).toBe(true);
    expect(await itemsOf(OLD_URL)).toEqual([]);
    expect(await itemsOf(NEW_URL)).toEqual([]);
    expect(await store.deleteArticle(OLD_URL)).toBe(false);
  });
});
