// What a create or save must agree on before anything is sent. The head's counts
// are the optimistic lock and name the next version and change items, so a save
// that forgets to advance them would later collide with its own items or skip numbers.
import type { ArticleHead, VersionRecord } from '../domain/types';
import { InconsistentWriteError } from '../errors';
import type { CheckWrites } from '../ports';
import { MAX_RECORD_NUMBER } from './dynamo-items';

function demand(condition: boolean, url: string, problem: string): void {
  if (!condition) throw new InconsistentWriteError(`${problem} (article ${url}); nothing was written`);
}

function requireRecordNumber(n: number, url: string, what: string): void {
  demand(Number.isInteger(n) && n >= 0 && n <= MAX_RECORD_NUMBER, url, `${what} must be a whole number from 0 to ${MAX_RECORD_NUMBER}, got ${n}`);
}

export function checkCreate(head: ArticleHead, version: VersionRecord | undefined): void {
  requireRecordNumber(head.changeCount, head.url, 'changeCount');
  if (version) {
    demand(version.url === head.url, head.url, `version 0 is for another URL (${version.url})`);
    demand(version.version === 0, head.url, `the first version must be number 0, got ${version.version}`);
    demand(head.versionCount === 1, head.url, `a head created with version 0 must have versionCount 1, got ${head.versionCount}`);
  } else {
    demand(head.versionCount === 0, head.url, `a head created without a version must have versionCount 0, got ${head.versionCount}`);
  }
}

export function checkSave(previous: ArticleHead, next: ArticleHead, writes: CheckWrites): void {
  const url = previous.url;
  demand(next.url === url, url, `the new head is for another URL (${next.url})`);
  const { version, change } = writes;
  if (version) {
    demand(version.url === url, url, `the version is for another URL (${version.url})`);
    demand(version.version === previous.versionCount, url, `the new version must be number ${previous.versionCount}, got ${version.version}`);
    requireRecordNumber(version.version, url, 'the version number');
  }
  const expectedVersions = previous.versionCount + (version ? 1 : 0);
  demand(next.versionCount === expectedVersions, url, `the new head must have versionCount ${expectedVersions}, got ${next.versionCount}`);
  if (change) {
    demand(change.url === url, url, `the change is for another URL (${change.url})`);
    demand(!Number.isNaN(Date.parse(change.detectedAt)), url, `the change's detectedAt is not a date: ${JSON.stringify(change.detectedAt)}`);
    requireRecordNumber(previous.changeCount, url, 'the change number');
  }
  const expectedChanges = previous.changeCount + (change ? 1 : 0);
  demand(next.changeCount === expectedChanges, url, `the new head must have changeCount ${expectedChanges}, got ${next.changeCount}`);
}
