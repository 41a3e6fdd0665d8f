// The worker-thread pool reads pages exactly as the main thread would.
import { afterEach, expect, it } from 'vitest';
import { WorkerContentWork } from '../../lambdas/adapters/worker-content-work';
import { inProcessContentWork } from '../../lambdas/adapters/in-process-content-work';
import { readPage } from '../../lambdas/domain/page-reading';

const page = (n: number): string =>
  `<html><head><title>Story ${n}</title></head><body><nav>Home News Sport</nav><article><h1>Story ${n}</h1>${Array.from({ length: 12 }, (_, i) => `<p>Paragraph ${i} of story ${n} tells the council what the budget line ${i} will cost next year.</p>`).join('')}</article><footer>Contact us</footer></body></html>`;

let pool: WorkerContentWork | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

it('reads many pages on its threads with the same answers as in-process reading', async () => {
  pool = new WorkerContentWork(2);
  const readings = await Promise.all(
    Array.from({ length: 6 }, (_, n) =>
      pool?.read({ bytes: Buffer.from(page(n), 'utf8'), contentType: 'text/html; charset=utf-8' }, `https://news.example/${n}`, undefined),
    ),
  );
  for (const [n, reading] of readings.entries()) {
    expect(reading).toEqual(readPage(page(n), `https://news.example/${n}`));
    expect(reading?.kind === 'read' && reading.content.text).toContain(`Paragraph 11 of story ${n}`);
  }
});

it('reads in-process once closed, so a late check still gets its page read', async () => {
  pool = new WorkerContentWork(1);
  await pool.close();
  expect(await pool.read({ text: page(1) }, 'https://news.example/1', undefined)).toEqual(
    await inProcessContentWork.read({ text: page(1) }, 'https://news.example/1', undefined),
  );
});
