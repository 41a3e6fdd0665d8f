import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lambdas/domain/config';
import { ConfigError } from '../../lambdas/errors';

describe('the notifications section of monitor.config.json', () => {
  it('reads webhooks and SNS topics with their filters', () => {
    const config = parseConfig({
      notifications: {
        webhooks: [
          { name: 'desk', url: 'https://hooks.example.org/monitor', secretEnv: 'DESK_SECRET', kinds: ['quote', 'number'], stealth: true },
          { name: 'archive', url: 'http://127.0.0.1:9000/in', secret: 'sixteen-chars-ok' },
        ],
        sns: [{ name: 'team', topicArn: 'arn:aws:sns:eu-west-1:123456789012:changes', sources: ['npr'], minSignificance: 0.3 }],
      },
    });
    expect(config.notifications.webhooks).toEqual([
      { name: 'desk', url: 'https://hooks.example.org/monitor', secret: { env: 'DESK_SECRET' }, filter: { kinds: ['quote', 'number'], stealth: true } },
      { name: 'archive', url: 'http://127.0.0.1:9000/in', secret: { value: 'sixteen-chars-ok' }, filter: {} },
    ]);
    expect(config.notifications.topics).toEqual([
      { name: 'team', topicArn: 'arn:aws:sns:eu-west-1:123456789012:changes', filter: { sources: ['npr'], minSignificance: 0.3 } },
    ]);
  });

  it('is empty by default', () => {
    expect(parseConfig({}).notifications).toEqual({ webhooks: [], topics: [] });
  });

  it.each([
    [{ webhooks: [{ name: 'a', url: 'ftp://x.example/', secret: 'sixteen-chars-ok' }] }, /url: expected an http\(s\) URL/],
    [{ webhooks: [{ name: 'a', url: 'https://user:pw@x.example/', secret: 'sixteen-chars-ok' }] }, /without credentials/],
    [{ webhooks: [{ name: 'a', url: 'https://x.example/' }] }, /give either "secret"/],
    [{ webhooks: [{ name: 'a', url: 'https://x.example/', secret: 'short' }] }, /at least 16 characters/],
    [{ webhooks: [{ name: 'a', url: 'https://x.example/', secret: 'sixteen-chars-ok', kinds: ['quotes'] }] }, /kinds: expected a list of change kinds/],
    [{ webhooks: [{ name: 'a', url: 'https://x.example/', secret: 'sixteen-chars-ok', minSignificance: 2 }] }, /from 0 to 1/],
    [{ webhooks: [{ name: 'a', url: 'https://x.example/', secret: 'sixteen-chars-ok', colour: 'red' }] }, /unknown setting "colour"/],
    [{ sns: [{ name: 'a', topicArn: 'not-an-arn' }] }, /topicArn: expected an SNS topic ARN/],
    [
      {
        webhooks: [{ name: 'same', url: 'https://x.example/', secret: 'sixteen-chars-ok' }],
        sns: [{ name: 'same', topicArn: 'arn:aws:sns:us-east-1:123456789012:t' }],
      },
      /used by another subscription/,
    ],
    [{ email: [] }, /unknown setting "email"/],
  ])('refuses %j', (notifications, message) => {
    expect(() => parseConfig({ notifications })).toThrow(ConfigError);
    expect(() => parseConfig({ notifications })).toThrow(message);
  });
});
