// What must hold of the store after any fault: no version without its change,
// no gap in version numbers, the head matching its last version, and nothing
// that was stored before the fault lost or altered after it.
import type { ArticleStore } from '../../lambdas/ports';
import { allChanges } from '../../lambdas/service/article-history';

/** `<url>#<version>` → hash of every version seen so far. */
export type Seen = Map<string, string>;

export async function invariantViolations(store: ArticleStore, urls: string[], seen: Seen): Promise<string[]> {
  const problems: string[] = [];
  for (const url of urls) {
    const head = await store.getArticle(url);
    if (!head) {
      problems.push(`${url}: the head is gone`);
      continue;
    }
    const versions = await store.listVersions(url);
    const numbers = versions.map((v) => v.version);
    const expected = Array.from({ length: head.versionCount }, (_, i) => i);
    if (JSON.stringify(numbers) !== JSON.stringify(expected)) {
      problems.push(`${url}: versions ${JSON.stringify(numbers)}, but the head counts ${head.versionCount}`);
    }
    const changes = await allChanges(store, head);
    if (changes.length !== head.changeCount) problems.push(`${url}: ${changes.length} changes stored, the head counts ${head.changeCount}`);
    for (const version of versions) {
      if (version.version === 0) continue;
      if (!changes.some((change) => change.to === version.version && change.from === version.version - 1)) {
        problems.push(`${url}: version ${version.version} has no change from version ${version.version - 1}`);
      }
    }
    for (const change of changes) {
      if (change.to >= head.versionCount || change.from >= head.versionCount) {
        problems.push(`${url}: change ${change.from} → ${change.to} names a version that does not exist`);
      }
    }
    const current = head.currentVersion === null ? null : versions.find((v) => v.version === head.currentVersion);
    if (head.versionCount > 0 && (!current || current.hash !== head.contentHash || current.chars !== head.latestChars)) {
      problems.push(`${url}: the head (version ${head.currentVersion}, hash ${head.contentHash?.slice(0, 12)}) does not match its version`);
    }
    if (head.currentVersion !== null && head.currentVersion !== head.versionCount - 1) {
      problems.push(`${url}: the head points at version ${head.currentVersion}, not the last one (${head.versionCount - 1}); no edit here was a revert`);
    }
    const byNumber = new Map(versions.map((v) => [v.version, v.hash]));
    for (const [key, hash] of seen) {
      const [seenUrl, number] = [key.slice(0, key.lastIndexOf('#')), Number(key.slice(key.lastIndexOf('#') + 1))];
      if (seenUrl !== url) continue;
      if (byNumber.get(number) !== hash) problems.push(`${url}: version ${number}, stored before, is ${byNumber.has(number) ? 'altered' : 'lost'}`);
    }
    for (const version of versions) seen.set(`${url}#${version.version}`, version.hash);
  }
  return problems;
}
