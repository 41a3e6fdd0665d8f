// A real store failure behind the site: DynamoDB pointed at a table that does not exist.
import { describe, expect, it } from 'vitest';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store';
import { createWebApp } from '../../lambdas/web/app';
import { freshTable } from '../support/dynamo';
import { fixedClock, request, storeWatch } from './seed';

describe('unexpected failures', () => {
  it('are logged and answered with a generic 500 that leaks nothing', async () => {
    const logged: unknown[] = [];
    const { client } = await freshTable();
    // A real store failure: the table it is pointed at does not exist.
    const store = new DynamoStore(client, 'secret-missing-table', fixedClock);
    const app = createWebApp({ store, watch: storeWatch(store), apiTokenSha256: null, clock: fixedClock, logError: (error) => logged.push(error) });
    const api = await app(request('GET', '/api/changes'));
    expect(api.status).toBe(500);
    expect(JSON.parse(api.body)).toEqual({ error: 'Something went wrong on our side. The error has been logged.' });
    const page = await app(request('GET', '/'));
    expect(page.status).toBe(500);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(logged).toHaveLength(2);
    const logMessage = String(logged[0]);
    expect(logMessage).toContain('ResourceNotFoundException');
    const internals = logMessage.split(':')[1]?.trim() ?? logMessage;
    expect(api.body).not.toContain('ResourceNotFound');
    expect(page.body).not.toContain('ResourceNotFound');
    expect(page.body).not.toContain(internals);
  });
});
