// Change notifications as webhooks: one POST per change, its JSON body signed
// with the subscription's secret (X-Monitor-Signature: sha256=<HMAC-SHA256 of
// the body>, as GitHub signs its hooks), retried with backoff, every attempt
// written to the delivery log.
import { createHmac } from 'node:crypto';
import { request } from 'undici';
import { NotificationDeliveryError } from '../errors';
import type { ChangeNotification, ChangePublisher } from '../ports';

const SIGNATURE_HEADER = 'x-monitor-signature';

export interface DeliveryLogEntry {
  at: string;
  subscription: string;
  url: string;
  attempt: number;
  /** HTTP status, or null when no answer came (refused, timed out). */
  status: number | null;
  delivered: boolean;
  error?: string;
}

export interface WebhookOptions {
  name: string;
  url: string;
  secret: string;
  /** Every attempt, delivered or not. */
  log: (entry: DeliveryLogEntry) => void;
  attempts?: number;
  /** The first retry waits this long; each later one twice as long. */
  firstRetryMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

const realSleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

export class WebhookPublisher implements ChangePublisher {
  private readonly attempts: number;
  private readonly firstRetryMs: number;
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => Date;

  constructor(private readonly options: WebhookOptions) {
    this.attempts = options.attempts ?? 4;
    this.firstRetryMs = options.firstRetryMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? (() => new Date());
  }

  async publish(messages: ChangeNotification[]): Promise<void> {
    const undelivered: number[] = [];
    for (const [position, message] of messages.entries()) {
      if (!(await this.deliver(message))) undelivered.push(position);
    }
    if (undelivered.length > 0) {
      throw new NotificationDeliveryError(`webhook ${this.options.name}: ${undelivered.length} of ${messages.length} notifications not delivered`, undelivered);
    }
  }

  private async deliver(message: ChangeNotification): Promise<boolean> {
    const { name, url, secret, log } = this.options;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      if (attempt > 1) await this.sleep(this.firstRetryMs * 2 ** (attempt - 2));
      let status: number | null = null;
      let error: string | undefined;
      try {
        const response = await request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'ArticleChangeMonitor-Webhook/1', [SIGNATURE_HEADER]: signature(secret, message.body) },
          body: message.body,
          headersTimeout: this.timeoutMs,
          bodyTimeout: this.timeoutMs,
        });
        status = response.statusCode;
        await response.body.dump();
      } catch (cause) {
        error = cause instanceof Error ? cause.message : String(cause);
      }
      const delivered = status !== null && status >= 200 && status < 300;
      log({ at: this.now().toISOString(), subscription: name, url, attempt, status, delivered, ...(error !== undefined ? { error } : {}) });
      if (delivered) return true;
      // A 4xx other than 408/429 says the receiver will never take this message; retrying only repeats the refusal.
      if (status !== null && status >= 400 && status < 500 && status !== 408 && status !== 429) return false;
    }
    return false;
  }
}
