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

it('moves a big page to its thread instead of copying it, and reads it as in-process reading does', async () => {
  pool = new WorkerContentWork(1);
  const big = (n: number): string =>
    page(n).replace('</article>', `${'<p>The committee heard from residents about the school budget and its many lines.</p>'.repeat(200)}</article>`);
  // Until its thread has loaded, the pool reads pages here: those keep their bytes.
  for (let n = 0, moved = false; !moved; n++) {
    expect(n).toBeLessThan(200);
    const bytes = Buffer.from(big(n), 'utf8');
    const reading = await pool.read({ bytes, contentType: 'text/html; charset=utf-8' }, `https://news.example/${n}`, undefined);
    expect(reading).toEqual(readPage(big(n), `https://news.example/${n}`));
    moved = bytes.byteLength === 0;
    if (!moved) await new Promise((done) => setTimeout(done, 20));
  }
  // A small page shares Node's Buffer pool with other data, so it is copied and its caller's bytes stay whole.
  const small = Buffer.from(page(7), 'utf8');
  expect(await pool.read({ bytes: small, contentType: 'text/html' }, 'https://news.example/7', undefined)).toEqual(readPage(page(7), 'https://news.example/7'));
  expect(small.toString('utf8')).toBe(page(7));
});
