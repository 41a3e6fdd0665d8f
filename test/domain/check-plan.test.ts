// Runs every row of the check-plan corpus (check-plan-cases.ts) the way the checker
// plans a check: planCheck, then planContentChange with the stored version it asks
// for. Besides each row's own expectations, every plan must be a save the store
// accepts (counts advanced by exactly what is written) and must stamp the check time.
import { describe, expect, it } from 'vitest';
import { checkSave } from '../../lambdas/adapters/store-write-rules';
import { planCheck, planContentChange, type CheckResult, type Observation, type PlanContext } from '../../lambdas/domain/check-plan';
import { defaultConfig } from '../../lambdas/domain/config';
import { prepareContent } from '../../lambdas/domain/content';
import { judgePage } from '../../lambdas/domain/page-quality';
import type { ArticleHead, VersionRecord } from '../../lambdas/domain/types';
import { hostSource } from '../../lambdas/domain/url';
import { CASES, NOW, PUBLISHED_AT, RULES, URL, minutesFromNow, shortHash, type PlanCase, type Sight } from './check-plan-cases';

// random() = 0.5 puts the jitter at zero, so next-check times are exact.
const CONTEXT: PlanContext = { now: NOW, schedule: defaultConfig().schedule, random: () => 0.5 };

function storedVersions(row: PlanCase): VersionRecord[] {
  return row.history.map((page, version) => {
    const content = prepareContent(page);
    return {
      url: URL,
      version,
      capturedAt: minutesFromNow(-60 * (row.history.length - version)),
      title: content.title,
      byline: content.byline,
      publishedAt: PUBLISHED_AT,
      text: content.text,
      hash: content.hash,
      boring: false,
      ...(content.updateLine !== null ? { updateLine: content.updateLine } : {}),
    };
  });
}

/** The head a history of stored versions leaves, checked a quarter of an hour ago. */
function storedHead(row: PlanCase, versions: VersionRecord[]): ArticleHead {
  const current = row.current ?? versions.length - 1;
  const version = versions[current];
  return {
    url: URL,
    source: hostSource(URL),
    status: 'active',
    firstSeenAt: minutesFromNow(-24 * 60),
    lastCheckedAt: minutesFromNow(-15),
    lastChangedAt: version ? minutesFromNow(-60) : null,
    versionCount: versions.length,
    changeCount: Math.max(0, versions.length - 1),
    currentVersion: version ? current : null,
    latestChars: version ? version.text.length : null,
    contentHash: version ? version.hash : null,
    latestTitle: version ? version.title : null,
    nextCheckAt: NOW.toISOString(),
    checkEvery: null,
    etag: version ? '"v1"' : null,
    lastModified: null,
    failureCount: 0,
    lastError: null,
    knownHashes: row.history.map((page, n) => ({ hash: shortHash(page), version: n })),
    variantHashes: [],
    flapping: false,
    pendingShrinkHash: null,
    steadyVariantHash: null,
    currentUrl: version ? URL : null,
    pausedAt: null,
    unwatchedAt: null,
    extractionFingerprint: null,
    pageSignature: null,
    ...row.head,
  };
}

/** What observe() hands the plan: the page prepared and judged, its confirmations hashed. */
function observation(sight: Sight, head: ArticleHead): Observation {
  if ('kind' in sight) return sight;
  const content = prepareContent(sight.page);
  return {
    kind: 'content',
    content,
    verdict: sight.verdict ?? judgePage(content, head.latestChars),
    effectiveUrl: sight.at ?? URL,
    etag: sight.etag ?? null,
    lastModified: null,
    publishedAt: PUBLISHED_AT,
    confirmationHashes: (sight.confirmations ?? []).map((page) => prepareContent(page).hash),
    confirmations: (sight.confirmations ?? []).map((page) => prepareContent(page)),
    ...(sight.settings !== undefined ? { extractionFingerprint: sight.settings } : {}),
  };
}

function run(row: PlanCase): { head: ArticleHead; result: CheckResult; read: number | null | undefined } {
  const versions = storedVersions(row);
  const head = storedHead(row, versions);
  const seen = observation(row.sees, head);
  const planned = planCheck(head, seen, CONTEXT);
  if (planned.outcome !== 'needs-previous') return { head, result: planned, read: undefined };
  if (seen.kind !== 'content') throw new Error(`${row.name}: planCheck asked for a version without content to diff`);
  const previous = planned.version === null ? null : versions[planned.version];
  if (previous === undefined) throw new Error(`${row.name}: planCheck asked for version ${planned.version}, which the history lacks`);
  return { head, result: planContentChange(head, seen, previous, CONTEXT), read: planned.version };
}

describe('planCheck', () => {
  it('has rows for every rule', () => {
    expect(RULES.filter((rule) => !CASES.some((row) => row.rule === rule))).toEqual([]);
  });

  for (const rule of RULES) {
    describe(rule, () => {
      for (const row of CASES.filter((c) => c.rule === rule)) {
        it(row.name, () => {
          const { head, result, read } = run(row);
          const { expect: expected } = row;
          expect(result.outcome).toBe(expected.outcome);
          expect(read, 'the stored version the plan read').toBe(expected.reads);

          if (expected.version) expect(result.version).toMatchObject(expected.version);
          else expect(result.version, 'a version was written').toBeUndefined();
          if (expected.change) expect(result.change).toMatchObject(expected.change);
          else expect(result.change, 'a change was written').toBeUndefined();
          if (expected.head) expect(result.next).toMatchObject(expected.head);
          if (expected.reason) expect(result.reason).toMatch(expected.reason);

          expect(result.next.lastCheckedAt).toBe(NOW.toISOString());
          expect(() => checkSave(head, result.next, { version: result.version, change: result.change })).not.toThrow();
          if (result.version) {
            expect(result.version.text).toBe(result.version.text.trim());
            expect(result.next.contentHash).toBe(result.version.hash);
          }
          // A suppressed check hands over each distinct text it saw that is not the current one, to be kept as a variant; no other check does.
          if (result.outcome === 'variant-suppressed' && 'page' in row.sees) {
            const seen = [row.sees.page, ...(row.sees.confirmations ?? [])].map((page) => prepareContent(page));
            const expectedVariants = [...new Map(seen.filter((c) => c.hash !== head.contentHash).map((c) => [c.hash, c.title])).entries()];
            expect(result.variants?.map((c) => [c.hash, c.title])).toEqual(expectedVariants);
            expect(expectedVariants.length).toBeGreaterThan(0);
          } else {
            expect(result.variants ?? []).toEqual([]);
          }
        });
      }
    });
  }
});
