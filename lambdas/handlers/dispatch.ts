// EventBridge schedule (every minute) → claim every due check and queue it for the check Lambda.
import type { Context } from 'aws-lambda';
import { checkQueueFromEnv, runtimeFromEnv } from '../composition/lambda-environment';
import { dispatchDue, type DispatchReport } from '../service/dispatch';
import { handlerLogger, publishDispatchMetrics } from './observability';

/** Time kept back from the budget for delivering the last chunk claimed and logging. */
export const DISPATCH_MARGIN_MS = 10_000;
/** Without a configured budget: one scheduled minute, less the margin, so runs rarely overlap. */
const DEFAULT_BUDGET_MS = 50_000;

const logger = handlerLogger('dispatch');

/** The stack's DISPATCH_BUDGET_MS, within what the invocation has left. */
function budgetFor(context?: Pick<Context, 'getRemainingTimeInMillis'>): number {
  const configured = Number(process.env.DISPATCH_BUDGET_MS);
  const budget = Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_BUDGET_MS;
  return context ? Math.max(0, Math.min(budget, context.getRemainingTimeInMillis() - DISPATCH_MARGIN_MS)) : budget;
}

export async function handler(_event?: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<DispatchReport> {
  const deps = runtimeFromEnv();
  const report = await dispatchDue({ ...deps, queue: checkQueueFromEnv() }, { budgetMs: budgetFor(context) });
  publishDispatchMetrics(report);
  // Articles left overdue are the operator's to see even without the metric's alarm.
  if (report.overdue > 0) logger.warn('dispatch', { dispatch: report });
  else logger.info('dispatch', { dispatch: report });
  return report;
}
