// EventBridge schedule → queue every due article for the check Lambda.
import { checkQueueFromEnv, runtimeFromEnv } from '../composition/lambda-environment';
import { dispatchDue } from '../service/dispatch';

export async function handler(): Promise<{ queued: number }> {
  const deps = runtimeFromEnv();
  const queued = await dispatchDue(deps.store, checkQueueFromEnv(), deps.clock, deps.config.dispatchBatch);
  console.log(JSON.stringify({ queued }));
  return { queued };
}
