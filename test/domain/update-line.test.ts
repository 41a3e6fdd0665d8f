// A dated update line ("Updated July 14, 2016 at 6:45 p.m. ET") is how a newsroom
// says it changed a story. Bumped alone it is no new version; bumped together with
// an edit, it makes that edit an acknowledged update rather than a stealth edit.
import { describe, expect, it } from 'vitest';
import { type Observation, planCheck, planContentChange } from '../../lambdas/domain/check-plan';
import { defaultConfig } from '../../lambdas/domain/config';
import { prepareContent } from '../../lambdas/domain/content';
import { judgePage } from '../../lambdas/domain/page-quality';
import type { ArticleHead, VersionRecord } from '../../lambdas/domain/types';
import { newHead } from '../../lambdas/service/watch';

const URL = 'https://news.example.com/2016/07/14/story';
const BODY = [
  'The senator said on Thursday that the committee would vote on the bill next week after a long delay.',
  'Aides said the vote count was still uncertain and that three members had not said how they would vote.',
  'The bill would fund road repairs in 40 states and has been debated since the spring session began.',
];
const context = { now: new Date('2016-07-15T12:00:00.000Z'), schedule: defaultConfig().schedule, random: () => 0.5 };

function observed(paragraphs: string[]): Extract<Observation, { kind: 'content' }> {
  const content = prepareContent({ title: 'Senate to vote on road bill', byline: 'By A. Reporter', paragraphs });
  return {
    kind: 'content',
    content,
    verdict: judgePage(content, null),
    effectiveUrl: URL,
    etag: null,
    lastModified: null,
    publishedAt: null,
    confirmationHashes: [],
  };
}

function firstVersion(paragraphs: string[]): { head: ArticleHead; version: VersionRecord } {
  const first = planContentChange(newHead(URL, defaultConfig(), new Date('2016-07-14T12:00:00.000Z')), observed(paragraphs), null, context);
  if (!first.version) throw new Error('no version 0');
  return { head: first.next, version: first.version };
}

describe('dated update lines', () => {
  const stamped = (stamp: string, body: string[]): string[] => [stamp, ...body];
  const edited = [BODY[0] ?? '', (BODY[1] ?? '').replace('three members', 'five members'), BODY[2] ?? ''];

  it('keep the line out of the text and the hash, so a bump alone records nothing', () => {
    const { head, version } = firstVersion(stamped('Updated July 14, 2016 at 6:45 p.m. ET', BODY));
    expect(version.text).not.toContain('Updated July 14');
    expect(version.updateLine).toBe('Updated July 14, 2016 at 6:45 p.m. ET');
    const bumped = planCheck(head, observed(stamped('Updated July 15, 2016 at 9:10 a.m. ET', BODY)), context);
    expect(bumped.outcome).toBe('unchanged');
  });

  it('make an edit that came with a new update line an update notice, not a stealth edit', () => {
    const { head, version } = firstVersion(stamped('Updated July 14, 2016 at 6:45 p.m. ET', BODY));
    const result = planContentChange(head, observed(stamped('Updated July 15, 2016 at 9:10 a.m. ET', edited)), version, context);
    expect(result.change?.kinds).toContain('update-notice');
    expect(result.change?.kinds).toContain('number');
    expect(result.change?.stealth).toBe(false);
  });

  it('leave an edit under an unchanged update line a stealth edit', () => {
    const { head, version } = firstVersion(stamped('Updated July 14, 2016 at 6:45 p.m. ET', BODY));
    const result = planContentChange(head, observed(stamped('Updated July 14, 2016 at 6:45 p.m. ET', edited)), version, context);
    expect(result.change?.kinds).not.toContain('update-notice');
    expect(result.change?.stealth).toBe(true);
  });
});
