// EventBridge schedule → queue every due article for the check Lambda.
import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsCheckQueue } from '../adapters/sqs-queue';
import { dispatchDue } from '../service/dispatch';
import { runtimeFromEnv } from './environment';
import { requiredEnv } from './required-env';

let queue: SqsCheckQueue | undefined;

export async function handler(): Promise<{ queued: number }> {
  const deps = runtimeFromEnv();
  queue ??= new SqsCheckQueue(new SQSClient({}), requiredEnv('CHECK_QUEUE_URL'));
  const queued = await dispatchDue(deps.store, queue, deps.clock, deps.config.dispatchBatch);
  console.log(JSON.stringify({ queued }));
  return { queued };
}
