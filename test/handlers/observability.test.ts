// What the handlers write for CloudWatch: JSON log lines with levels, and EMF
// metric lines (which CloudWatch turns into metrics with no API call).
import { describe, expect, it } from 'vitest';
import type { BatchReport } from '../../lambdas/service/check-batch';
import { handlerLogger, publishDispatchMetrics, recordCheckBatch } from '../../lambdas/handlers/observability';

/** Lines written to stdout and stderr (Powertools sends WARN and ERROR there; Lambda logs both), in order. */
function stdoutOf(run: () => void): Array<Record<string, unknown>> {
  const written: string[] = [];
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((stream) => stream.write.bind(stream));
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof stream.write;
  }
  try {
    run();
  } finally {
    streams.forEach((stream, i) => {
      stream.write = writes[i] as typeof stream.write;
    });
  }
  return written
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const target = (key: string) => ({ key, dueAt: '2026-03-01T08:00:00.000Z' });

describe('dispatch metrics', () => {
  it('go out as one EMF line in the ArticleMonitor namespace with queued, overdue and deferred', () => {
    const lines = stdoutOf(() => publishDispatchMetrics({ queued: 1200, overdue: 3, deferred: 40 }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ service: 'dispatch', ChecksQueued: 1200, OverdueArticles: 3, ChecksDeferred: 40 });
    expect(JSON.stringify(lines[0]?._aws)).toContain('"Namespace":"ArticleMonitor"');
  });
});

describe('a check batch', () => {
  const report: BatchReport = {
    results: [
      { messageId: 'm1', target: target('a'), status: 'checked', report: { url: 'https://a.example/1', outcome: 'unchanged' }, durationMs: 40 },
      {
        messageId: 'm1',
        target: target('b'),
        status: 'checked',
        report: { url: 'https://b.example/1', outcome: 'new-version', version: 3, kinds: ['quote'] },
        durationMs: 90,
      },
      {
        messageId: 'm2',
        target: target('c'),
        status: 'checked',
        report: { url: 'https://c.example/1', outcome: 'retry-later', cause: 'timeout', reason: 'timed out' },
        durationMs: 20_000,
      },
      { messageId: 'm2', target: target('d'), status: 'failed', reason: 'DynamoDB did not answer', error: new Error('x'), durationMs: 5 },
    ],
    malformed: [],
    retry: ['m2'],
  };

  it('logs the change and the failures one line each, the unchanged check not at all at INFO, and one summary', () => {
    const lines = stdoutOf(() => recordCheckBatch(handlerLogger('check'), report)).filter((line) => !('_aws' in line));
    expect(lines.map((line) => [line.level, line.message])).toEqual([
      ['INFO', 'check recorded a change'],
      ['WARN', 'check failed'],
      ['ERROR', 'check failed; message retried'],
      ['INFO', 'check batch'],
    ]);
    expect(lines[1]).toMatchObject({ cause: 'timeout', url: 'https://c.example/1' });
  });

  it('counts checks by outcome, fetch failures by cause, versions and failed messages', () => {
    const emf = stdoutOf(() => recordCheckBatch(handlerLogger('check'), report)).filter((line) => '_aws' in line);
    expect(emf.filter((line) => 'Checks' in line).map((line) => [line.Outcome, line.Checks])).toEqual([
      ['unchanged', 1],
      ['new-version', 1],
      ['retry-later', 1],
      ['failed', 1],
    ]);
    expect(emf.find((line) => 'FetchFailures' in line)).toMatchObject({ Cause: 'timeout', FetchFailures: 1 });
    expect(emf.find((line) => 'VersionsRecorded' in line)).toMatchObject({ VersionsRecorded: 1, FailedMessages: 1, DeferredMessages: 0 });
  });
});
