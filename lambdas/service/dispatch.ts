// On AWS the dispatcher only finds due articles and queues them; the check
// Lambda does the work. Articles of one host share a message group, so SQS
// FIFO hands them out one at a time: politeness without coordination.
import { articleKey } from '../domain/url';
import type { ArticleStore, CheckQueue, Clock } from '../ports';

/** SQS caps a message group id at 128 characters; host names may run to 253. */
export function messageGroup(host: string): string {
  return host.length <= 128 ? host : `host-${articleKey(host)}`;
}

export async function dispatchDue(store: ArticleStore, queue: CheckQueue, clock: Clock, limit: number): Promise<number> {
  const due = await store.dueArticles(clock.now().toISOString(), limit);
  const messages = due.map((head) => ({
    url: head.url,
    dueAt: head.nextCheckAt ?? '',
    group: messageGroup(new URL(head.url).host),
    dedupId: `${articleKey(head.url)}-${(head.nextCheckAt ?? '').replace(/[^0-9]/g, '')}`,
  }));
  await queue.enqueue(messages);
  return messages.length;
}
