// The stored head's layout: the HEAD item an ordinary check rewrites stays under one write unit
// (1 KB) whatever the page, the server or the history, and everything that can grow sits in INFO.
import { describe, expect, it } from 'vitest';
import { headToItems, infoTag, itemsToHead, MAX_ETAG_BYTES, MAX_LAST_MODIFIED_BYTES, MAX_STORED_ERROR_BYTES } from '../../lambdas/adapters/head-items';
import { MAX_RECORD_NUMBER } from '../../lambdas/adapters/dynamo-items';
import type { ArticleHead } from '../../lambdas/domain/types';
import { InconsistentWriteError } from '../../lambdas/errors';
import { itemSize } from '../support/item-size';
import { articleHead } from './dynamo-store/fixtures';

const LONG_URL = `https://news.example.com/${'section/'.repeat(120)}${'a'.repeat(2000 - 25 - 8 * 120)}`;
const ISO = '2026-03-01T08:00:00.000Z';
const HASH = 'f'.repeat(16);

/** An article with a 2,000-character URL, 50 versions and every hot field at its longest. */
function worstHead(overrides: Partial<ArticleHead> = {}): ArticleHead {
  return articleHead(LONG_URL, {
    status: 'removed',
    firstSeenAt: ISO,
    lastCheckedAt: ISO,
    lastChangedAt: ISO,
    versionCount: 50,
    changeCount: MAX_RECORD_NUMBER,
    currentVersion: 49,
    latestChars: 123456,
    contentHash: 'e'.repeat(64),
    latestTitle: 'T'.repeat(500),
    nextCheckAt: ISO,
    etag: `"${'x'.repeat(MAX_ETAG_BYTES - 2)}"`,
    lastModified: 'L'.repeat(MAX_LAST_MODIFIED_BYTES),
    failureCount: 123456789,
    // Four bytes a character: a byte bound, not a character bound, is what keeps the item small.
    lastError: '𝄞'.repeat(300),
    knownHashes: Array.from({ length: 50 }, (_, version) => ({ hash: HASH, version })),
    variantHashes: Array.from({ length: 8 }, () => HASH),
    flapping: true,
    pendingShrinkHash: HASH,
    steadyVariantHash: HASH,
    currentUrl: `${LONG_URL}-moved`,
    extractionFingerprint: 'c'.repeat(12),
    ...overrides,
  });
}

describe('the HEAD item', () => {
  it('stays under 1 KB for a 2,000-character URL, 50 versions and every bounded field at its limit', () => {
    expect(LONG_URL).toHaveLength(2000);
    // Due (index keys present) and held (both holds set, no index keys): whichever is larger.
    for (const head of [worstHead(), worstHead({ pausedAt: ISO, unwatchedAt: ISO })]) {
      const { hot, info } = headToItems(head);
      expect(itemSize(hot)).toBeLessThan(1024);
      expect(JSON.stringify(hot)).not.toContain('section/');
      expect(itemSize(info)).toBeGreaterThan(4000);
    }
  });

  it('does not store an over-long validator, so the next fetch is simply unconditional', () => {
    const { hot } = headToItems(worstHead({ etag: `"${'x'.repeat(MAX_ETAG_BYTES)}"`, lastModified: 'L'.repeat(MAX_LAST_MODIFIED_BYTES + 1) }));
    expect(hot.etag).toBeNull();
    expect(hot.lastModified).toBeNull();
    expect(headToItems(worstHead()).hot.etag).toBe(worstHead().etag);
  });

  it('cuts a long error on a character boundary and says it was cut', () => {
    const stored = String(headToItems(worstHead()).hot.lastError);
    expect(Buffer.byteLength(stored)).toBeLessThanOrEqual(MAX_STORED_ERROR_BYTES);
    expect(stored).toMatch(/^(𝄞)+…$/u);
    expect(headToItems(worstHead({ lastError: 'HTTP 503' })).hot.lastError).toBe('HTTP 503');
  });

  it('refuses a hot field our own code should have made short, rather than store a head over 1 KB', () => {
    expect(() => headToItems(worstHead({ nextCheckAt: 'x'.repeat(65) }))).toThrow(InconsistentWriteError);
    expect(() => headToItems(worstHead({ pendingShrinkHash: 'x'.repeat(65) }))).toThrow(InconsistentWriteError);
  });
});

describe('reading the two items back', () => {
  it('gives the head that was written, field for field', () => {
    const head = worstHead({ lastError: 'HTTP 503', pausedAt: ISO });
    const { hot, info } = headToItems(head);
    expect(itemsToHead(hot, info)).toStrictEqual(head);
  });

  it('says "torn" for items of different writes, or a HEAD item without its INFO', () => {
    const before = headToItems(worstHead());
    const after = headToItems(worstHead({ currentVersion: 50, versionCount: 51 }));
    expect(itemsToHead(after.hot, before.info)).toBe('torn');
    expect(itemsToHead(after.hot, undefined)).toBe('torn');
  });

  it('tags INFO by its fields alone: a check that changes only hot fields keeps the tag', () => {
    const head = worstHead();
    expect(infoTag({ ...head, lastCheckedAt: '2026-04-01T00:00:00.000Z', etag: null, failureCount: 0 })).toBe(infoTag(head));
    expect(infoTag({ ...head, variantHashes: [] })).not.toBe(infoTag(head));
  });
});
