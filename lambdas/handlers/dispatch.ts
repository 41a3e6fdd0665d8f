// EventBridge schedule (every minute) → claim every due check and queue it for the check Lambda.
import type { Context } from 'aws-lambda';
import { checkQueueFromEnv, runtimeFromEnv } from '../composition/lambda-environment';
import { dispatchDue, type DispatchReport } from '../service/dispatch';

/** Time kept back from the budget for delivering the last chunk claimed and logging. */
export const DISPATCH_MARGIN_MS = 10_000;
/** Without a Lambda context (a direct call), the budget of one scheduled minute. */
const DEFAULT_BUDGET_MS = 50_000;

export async function handler(_event?: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<DispatchReport> {
  const deps = runtimeFromEnv();
  const budgetMs = context ? Math.max(0, context.getRemainingTimeInMillis() - DISPATCH_MARGIN_MS) : DEFAULT_BUDGET_MS;
  const report = await dispatchDue({ ...deps, queue: checkQueueFromEnv() }, { budgetMs });
  console.log(JSON.stringify({ dispatch: report }));
  return report;
}
