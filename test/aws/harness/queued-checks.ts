// The checks a queue message carries: `{"checks":[{"key","dueAt"}]}` (one message, several checks), or
// the older one-check body `{"url","dueAt"}`; keys are articleKey() of the normalised URL either way.
import { articleKey } from '../../../lambdas/domain/url';

export interface QueuedCheckSeen {
  key: string;
  dueAt: string | null;
}

export function queuedChecks(body: string): QueuedCheckSeen[] {
  const parsed: unknown = JSON.parse(body);
  if (typeof parsed !== 'object' || parsed === null) return [];
  if ('checks' in parsed && Array.isArray(parsed.checks)) {
    return parsed.checks.flatMap((check: unknown) =>
      typeof check === 'object' && check !== null && 'key' in check && typeof check.key === 'string'
        ? [{ key: check.key, dueAt: 'dueAt' in check && typeof check.dueAt === 'string' ? check.dueAt : null }]
        : [],
    );
  }
  if ('url' in parsed && typeof parsed.url === 'string') {
    return [{ key: articleKey(parsed.url), dueAt: 'dueAt' in parsed && typeof parsed.dueAt === 'string' ? parsed.dueAt : null }];
  }
  return [];
}
