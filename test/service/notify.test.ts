// What a subscriber to the change topic receives, through the real SNS adapter
// and a real SNSClient that stops at its own middleware (fake-sns.ts).
import { describe, expect, it } from 'vitest';
import { SnsChangePublisher } from '../../lambdas/adapters/sns-publisher';
import { changeJson } from '../../lambdas/domain/json';
import type { ChangeRecord } from '../../lambdas/domain/types';
import { ConfigError, NotificationDeliveryError } from '../../lambdas/errors';
import { notifyChanges } from '../../lambdas/service/notify';
import { changeRecord } from '../adapters/dynamo-store/fixtures';
import { TOPIC_ARN, attribute, bodyOf, fakeSns } from '../support/fake-sns';

const URL_A = 'https://news.example.org/2026/03/council-budget';
const URL_B = 'https://www.daily.example.com/politics/mayor-resigns';
const SITE = 'https://abc123.lambda-url.us-east-1.on.aws/';

function setup(answer?: Parameters<typeof fakeSns>[0]) {
  const sns = fakeSns(answer);
  return { ...sns, publisher: new SnsChangePublisher(sns.client, TOPIC_ARN) };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

describe('notifyChanges', () => {
  it('publishes every change that is not boring, in order, to the topic, and says how many were left out', async () => {
    const { publisher, calls, delivered } = setup();
    const changes = [
      changeRecord(URL_A, 0, 1, { title: 'Council approves budget' }),
      changeRecord(URL_A, 1, 2, { boring: true, stealth: false, kinds: ['paragraph-edited'], title: 'Council approves budget!' }),
      changeRecord(URL_B, 3, 4, { stealth: false, kinds: ['quote'], title: 'Mayor resigns' }),
    ];
    const report = await notifyChanges(changes, publisher);
    expect(report).toEqual({ published: 2, skippedBoring: 1 });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.topicArn).toBe(TOPIC_ARN);
    expect(delivered.map((entry) => bodyOf(entry).title)).toEqual(['Council approves budget', 'Mayor resigns']);
  });

  it('sends nothing at all when every change is boring', async () => {
    const { publisher, calls } = setup();
    const report = await notifyChanges([changeRecord(URL_A, 0, 1, { boring: true, stealth: false })], publisher);
    expect(report).toEqual({ published: 0, skippedBoring: 1 });
    expect(calls).toEqual([]);
  });

  it('carries kinds, stealth, source and significance as attributes an SNS filter policy can match', async () => {
    const { publisher, delivered } = setup();
    await notifyChanges(
      [
        changeRecord(URL_A, 0, 1, { kinds: ['quote', 'number'], stealth: true, significance: 0.75 }),
        changeRecord(URL_B, 0, 1, { kinds: ['correction', 'paragraph-edited'], stealth: false, source: 'Daily Example', significance: 0.3 }),
      ],
      publisher,
    );
    const [stealthEdit, corrected] = delivered;
    expect(stealthEdit && attribute(stealthEdit, 'kinds')).toEqual({ DataType: 'String.Array', StringValue: '["quote","number"]' });
    expect(stealthEdit && attribute(stealthEdit, 'stealth')).toEqual({ DataType: 'String', StringValue: 'true' });
    expect(stealthEdit && attribute(stealthEdit, 'source')).toEqual({ DataType: 'String', StringValue: 'news.example.org' });
    expect(stealthEdit && attribute(stealthEdit, 'significance')).toEqual({ DataType: 'Number', StringValue: '0.75' });
    expect(corrected && attribute(corrected, 'stealth')).toEqual({ DataType: 'String', StringValue: 'false' });
    expect(corrected && attribute(corrected, 'source')).toEqual({ DataType: 'String', StringValue: 'Daily Example' });
    expect(JSON.parse(corrected?.MessageAttributes?.kinds?.StringValue ?? '')).toEqual(['correction', 'paragraph-edited']);
  });

  it('names what happened in the subject: stealth edit, correction, removal, a plain change', async () => {
    const { publisher, delivered } = setup();
    await notifyChanges(
      [
        changeRecord(URL_A, 0, 1, { title: 'Council approves budget', stealth: true }),
        changeRecord(URL_A, 1, 2, { title: 'Council approves budget', stealth: false, kinds: ['correction', 'number'] }),
        changeRecord(URL_A, 2, 2, { title: 'Council approves budget', stealth: false, kinds: ['removed'] }),
        changeRecord(URL_B, 0, 1, { title: 'Mayor resigns', stealth: false, kinds: ['paragraph-added'] }),
      ],
      publisher,
    );
    expect(delivered.map((entry) => entry.Subject)).toEqual([
      'Stealth edit: Council approves budget',
      'Corrected: Council approves budget',
      'Removed: Council approves budget',
      'Changed: Mayor resigns',
    ]);
  });

  it('makes a hostile title one short plain line in the subject, and keeps it whole in the JSON body', async () => {
    const { publisher, delivered } = setup();
    const hostile = `Breaking\r\nBcc: victim@example.org\u0000\u0007\u001b[31m \u202Egnp.exe\u2028${'long '.repeat(40)}end 😀😀😀`;
    await notifyChanges([changeRecord(URL_A, 0, 1, { title: hostile })], publisher);
    const subject = delivered[0]?.Subject ?? '';
    expect(subject.length).toBeLessThan(100);
    expect(subject).not.toMatch(CONTROL);
    expect(subject).not.toContain('\u202E');
    expect(subject.startsWith('Stealth edit: Breaking Bcc: victim@example.org [31m gnp.exe long long')).toBe(true);
    expect(subject.endsWith('…')).toBe(true);
    // The body is JSON: escaping keeps it intact, and a program reading it gets the page's own title.
    expect(bodyOf(delivered[0]).title).toBe(hostile);
  });

  it('never splits a character that needs two UTF-16 units when it shortens a subject', async () => {
    const { publisher, delivered } = setup();
    // 'Changed: ' is 9 units; the emoji (2 units each) straddle the cut.
    await notifyChanges([changeRecord(URL_A, 0, 1, { stealth: false, title: `${'x'.repeat(88)}${'😀'.repeat(10)}` })], publisher);
    const subject = delivered[0]?.Subject ?? '';
    expect(subject.length).toBeLessThan(100);
    expect(subject).toBe(`Changed: ${'x'.repeat(88)}…`);
    expect(subject).not.toMatch(/[\uD800-\uDFFF]/);
  });

  it('falls back to the URL when the page had no title', async () => {
    const { publisher, delivered } = setup();
    await notifyChanges([changeRecord(URL_A, 0, 1, { stealth: false, title: ' \n ' })], publisher);
    expect(delivered[0]?.Subject).toBe(`Changed: ${URL_A}`);
  });

  it('sends the public JSON of the change with its title, and links to the diff and history pages when the site URL is known', async () => {
    const { publisher, delivered } = setup();
    const change = changeRecord(URL_A, 2, 3, { title: 'Council approves budget' });
    await notifyChanges([change], publisher, { siteUrl: SITE });
    const query = `url=${encodeURIComponent(URL_A)}`;
    expect(bodyOf(delivered[0])).toEqual({
      ...changeJson(change),
      title: 'Council approves budget',
      articleUrl: `https://abc123.lambda-url.us-east-1.on.aws/article?${query}`,
      diffUrl: `https://abc123.lambda-url.us-east-1.on.aws/diff?${query}&from=2&to=3`,
    });
  });

  it('links a status change (no new version) to the history page only, and leaves links out without a site URL', async () => {
    const { publisher, delivered } = setup();
    const moved = changeRecord(URL_A, 3, 3, { kinds: ['url-changed'], stealth: false, newUrl: 'https://news.example.org/new-home' });
    await notifyChanges([moved], publisher, { siteUrl: SITE });
    await notifyChanges([changeRecord(URL_B, 0, 1)], publisher);
    const [movedBody, plainBody] = delivered.map(bodyOf);
    expect(delivered[0]?.Subject).toBe('Moved: Council approves budget');
    expect(movedBody).toMatchObject({ newUrl: 'https://news.example.org/new-home', articleUrl: expect.stringContaining('/article?') });
    expect(movedBody).not.toHaveProperty('diffUrl');
    expect(plainBody).not.toHaveProperty('articleUrl');
    expect(plainBody).not.toHaveProperty('diffUrl');
  });

  it('keeps a body small however long the title is, so ten always fit one batch', async () => {
    const { publisher, calls } = setup();
    const changes = Array.from({ length: 10 }, (_, i) => changeRecord(`${URL_A}-${i}`, 0, 1, { title: 'T'.repeat(300_000) }));
    await notifyChanges(changes, publisher);
    expect(calls.map((call) => call.entries.length)).toEqual([10]);
    const title = String(bodyOf(calls[0]?.entries[0]).title);
    expect(title.length).toBeLessThanOrEqual(1_000);
    expect(title.endsWith('…')).toBe(true);
  });

  it('refuses a site URL that is not http(s) with a ConfigError, publishing nothing', async () => {
    const { publisher, calls } = setup();
    const error = await caught(notifyChanges([changeRecord(URL_A, 0, 1)], publisher, { siteUrl: 'javascript:alert(1)' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toContain('javascript:alert(1)');
    expect(calls).toEqual([]);
  });

  it('names undelivered changes by their place in the list it was given, counting the boring ones it skipped', async () => {
    const changes: ChangeRecord[] = [
      changeRecord(URL_A, 0, 1, { boring: true, stealth: false, title: 'boring' }),
      changeRecord(URL_A, 1, 2, { title: 'first' }),
      changeRecord(URL_A, 2, 3, { boring: true, stealth: false, title: 'boring again' }),
      changeRecord(URL_A, 3, 4, { title: 'refused' }),
    ];
    const { publisher } = setup((entry) => (bodyOf(entry).title === 'refused' ? { code: 'InternalError', senderFault: false } : 'ok'));
    const error = await caught(notifyChanges(changes, publisher));
    expect(error).toBeInstanceOf(NotificationDeliveryError);
    expect((error as NotificationDeliveryError).undelivered).toEqual([3]);
  });
});
