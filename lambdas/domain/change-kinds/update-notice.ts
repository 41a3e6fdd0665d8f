// An update notice that appeared or changed: the newsroom telling readers the
// story moved on since they last read it. A dated "Updated July 14, 2016 at
// 6:45 p.m. ET" line counts once it appears or its date changes: that is how
// many newsrooms mark an update, and a stamp that never changes is never
// "appeared or changed".
import { isDatedUpdateLine, isUpdateNotice } from '../content';
import { defineKind } from './definition';
import { noticeAppeared } from './evidence';

function isUpdateLine(paragraph: string): boolean {
  return isUpdateNotice(paragraph) || isDatedUpdateLine(paragraph);
}

export const updateNotice = defineKind({
  kind: 'update-notice',
  label: 'update notice',
  weight: 0.05,
  substantive: false,
  notice: isUpdateLine,
  detect: (evidence) => noticeAppeared(evidence, isUpdateLine),
});
