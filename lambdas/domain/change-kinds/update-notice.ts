// An update notice that appeared or changed: the newsroom telling readers the
// story moved on since they last read it.
import { isUpdateNotice } from '../content';
import { defineKind } from './definition';
import { noticeAppeared } from './evidence';

export const updateNotice = defineKind({
  kind: 'update-notice',
  label: 'update notice',
  weight: 0.05,
  substantive: false,
  detect: (evidence) => noticeAppeared(evidence, isUpdateNotice),
});
