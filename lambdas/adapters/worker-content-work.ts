// ContentWork on a pool of worker threads (local mode: `serve` and the CLI),
// so extraction's CPU time is spent beside the event loop instead of on it.
// Pages queue for the first free thread; an idle pool holds the process open
// no longer than its callers do.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PageReading } from '../domain/page-reading';
import type { ExtractionRules } from '../domain/types';
import { ContentWorkerError } from '../errors';
import type { ContentWork, PageSource } from '../ports';
import { inProcessContentWork } from './in-process-content-work';

export interface ContentTask {
  id: number;
  page: PageSource;
  url: string;
  rules: ExtractionRules | undefined;
}

export type ContentAnswer = { id: number; reading: PageReading } | { id: number; error: string };
type WorkerMessage = ContentAnswer | { ready: true };

interface Pending {
  task: ContentTask;
  done: (reading: PageReading) => void;
  fail: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  /** Its modules are loaded; until then pages are read on the calling thread. */
  ready: boolean;
  busy: Pending | null;
}

/** Threads for the machine's cores: the main thread's fetching and saving are mostly waiting. */
export function defaultContentThreads(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The memory under a page's bytes when they alone fill it, so it can move to the thread instead of
 * being copied (a copy of a 200 KB page cost the event loop about 0.5 ms a page). A small page sits
 * in Node's shared Buffer pool beside other data and is copied.
 */
function movableMemory(page: PageSource): ArrayBuffer[] {
  if (!('bytes' in page)) return [];
  const { buffer, byteOffset, byteLength } = page.bytes;
  return buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength && byteLength > 0 ? [buffer] : [];
}

const WORKER_SCRIPT = new URL('./content-worker.mjs', import.meta.url);

export class WorkerContentWork implements ContentWork {
  private readonly threads: Thread[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly size: number = defaultContentThreads()) {}

  read(page: PageSource, url: string, rules: ExtractionRules | undefined): Promise<PageReading> {
    if (this.closed) return inProcessContentWork.read(page, url, rules);
    return new Promise((done, fail) => {
      this.queue.push({ task: { id: this.nextId++, page, url, rules }, done, fail });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
    for (const pending of this.queue.splice(0)) pending.fail(new ContentWorkerError('the content workers were closed before this page was read'));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const thread = this.threads.find((t) => t.ready && t.busy === null);
      if (!thread) {
        this.spawn();
        // A thread takes a while to load; a short command would wait longer for it than the page takes to read here.
        if (!this.threads.some((t) => t.ready)) this.readHere(this.queue.shift() as Pending);
        else return;
        continue;
      }
      const pending = this.queue.shift() as Pending;
      thread.busy = pending;
      // A thread at work holds the process open; an idle one does not.
      thread.worker.ref();
      thread.worker.postMessage(pending.task, movableMemory(pending.task.page));
    }
  }

  private readHere(pending: Pending): void {
    inProcessContentWork.read(pending.task.page, pending.task.url, pending.task.rules).then(pending.done, pending.fail);
  }

  private spawn(): void {
    if (this.threads.length >= this.size) return;
    const worker = new Worker(WORKER_SCRIPT);
    // Loading holds the process open no more than an idle thread does.
    worker.unref();
    const thread: Thread = { worker, ready: false, busy: null };
    worker.on('message', (message: WorkerMessage) => {
      if ('ready' in message) {
        thread.ready = true;
        this.pump();
        return;
      }
      const answer = message;
      const pending = thread.busy;
      thread.busy = null;
      worker.unref();
      if (pending && pending.task.id === answer.id) {
        if ('reading' in answer) pending.done(answer.reading);
        else pending.fail(new ContentWorkerError(`reading ${pending.task.url} failed in a content worker: ${answer.error}`));
      }
      this.pump();
    });
    // A thread that dies (out of memory on a hostile page, say) fails its page alone; the next page gets a new thread.
    const lose = (error: Error): void => {
      const index = this.threads.indexOf(thread);
      if (index >= 0) this.threads.splice(index, 1);
      const pending = thread.busy;
      thread.busy = null;
      pending?.fail(new ContentWorkerError(`the content worker reading ${pending.task.url} stopped: ${error.message}`, { cause: error }));
      if (!this.closed) this.pump();
    };
    worker.on('error', lose);
    worker.on('exit', (code) => {
      if (this.threads.includes(thread)) lose(new Error(`exit code ${code}`));
    });
    this.threads.push(thread);
  }
}
