// A short fingerprint of everything that decides how a page becomes text: the
// source's extract rules and the extractor's version. An article remembers the
// fingerprint its current version was captured with; a check under another
// fingerprint compares texts that were cut differently, so a difference then is
// a new baseline, never an edit.
import { createHash } from 'node:crypto';
import { EXTRACTOR_VERSION } from './extract/version';
import type { ExtractionRules } from './types';

export function extractionFingerprint(rules: ExtractionRules | undefined, extractorVersion: number = EXTRACTOR_VERSION): string {
  // Empty lists and absent rules extract the same way, so they fingerprint the same.
  const settings = JSON.stringify([extractorVersion, rules?.include ?? [], rules?.drop ?? []]);
  return createHash('sha256').update(settings).digest('hex').slice(0, 12);
}
