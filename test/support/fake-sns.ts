// A real SNSClient whose requests stop at its own middleware stack: each
// PublishBatch input is recorded and answered the way SNS answers, so the
// adapter's serialisable input and its handling of the output are what we test.
// Nothing leaves the process.
import { SNSClient, type BatchResultErrorEntry, type PublishBatchRequestEntry } from '@aws-sdk/client-sns';

export const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:ArticleMonitor-Changes';

/** How SNS answers one entry: delivered, or failed with a code (sender fault or SNS's own). */
export type EntryOutcome = 'ok' | { code: string; senderFault: boolean };

export interface PublishCall {
  topicArn: string | undefined;
  entries: PublishBatchRequestEntry[];
}

export interface FakeSns {
  client: SNSClient;
  calls: PublishCall[];
  /** Every entry delivered so far, in the order SNS accepted them. */
  delivered: PublishBatchRequestEntry[];
}

function hasEntries(input: object): input is { TopicArn?: string; PublishBatchRequestEntries: PublishBatchRequestEntry[] } {
  return 'PublishBatchRequestEntries' in input && Array.isArray(input.PublishBatchRequestEntries);
}

/**
 * `answer` decides each entry's fate; `callNumber` counts PublishBatch calls from 1.
 * A thrown error from `answer` fails the whole call, as a network or auth error would.
 */
export function fakeSns(answer: (entry: PublishBatchRequestEntry, callNumber: number) => EntryOutcome = () => 'ok'): FakeSns {
  const client = new SNSClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  const calls: PublishCall[] = [];
  const delivered: PublishBatchRequestEntry[] = [];
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      const input = args.input;
      if (context.commandName !== 'PublishBatchCommand' || !hasEntries(input)) {
        throw new Error(`the fake SNS only answers PublishBatch, got ${String(context.commandName)}`);
      }
      // A deep copy: what was sent, even if the caller reuses its objects afterwards.
      const entries = structuredClone(input.PublishBatchRequestEntries);
      calls.push({ topicArn: input.TopicArn, entries });
      const successful: Array<{ Id: string | undefined; MessageId: string }> = [];
      const failed: BatchResultErrorEntry[] = [];
      for (const entry of entries) {
        const outcome = answer(entry, calls.length);
        if (outcome === 'ok') {
          delivered.push(entry);
          successful.push({ Id: entry.Id, MessageId: `message-${calls.length}-${entry.Id}` });
        } else {
          failed.push({ Id: entry.Id, Code: outcome.code, Message: `fake ${outcome.code}`, SenderFault: outcome.senderFault });
        }
      }
      return { output: { Successful: successful, Failed: failed, $metadata: { httpStatusCode: 200 } }, response: {} };
    },
    { step: 'initialize', name: 'fakeSns' },
  );
  return { client, calls, delivered };
}

export function attribute(entry: PublishBatchRequestEntry, name: string): { DataType: string | undefined; StringValue: string | undefined } | undefined {
  const value = entry.MessageAttributes?.[name];
  return value === undefined ? undefined : { DataType: value.DataType, StringValue: value.StringValue };
}

/** The JSON body of a sent entry; throws when there is no entry or its body is not a JSON object. */
export function bodyOf(entry: { Message?: string | undefined } | undefined): Record<string, unknown> {
  const parsed: unknown = JSON.parse(entry?.Message ?? 'null');
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TypeError(`message body is not a JSON object: ${entry?.Message}`);
  return { ...parsed };
}
