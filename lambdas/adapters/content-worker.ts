// The body of one content worker thread: reads pages handed to it by the
// pool in worker-content-work.ts, one message per page.
import { parentPort } from 'node:worker_threads';
import { readPageSource } from './page-source';
import type { ContentTask, ContentAnswer } from './worker-content-work';

parentPort?.on('message', (task: ContentTask) => {
  let answer: ContentAnswer;
  try {
    answer = { id: task.id, reading: readPageSource(task.page, task.url, task.rules) };
  } catch (error) {
    answer = { id: task.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
});
// Loaded and listening: the pool sends pages here from now on.
parentPort?.postMessage({ ready: true });
