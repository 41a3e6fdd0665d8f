// A correction, clarification or editor's note that appeared or changed: the
// newsroom owning up to an error.
import { isCorrectionNotice } from '../content';
import { defineKind } from './definition';
import { noticeAppeared } from './evidence';

export const correction = defineKind({
  kind: 'correction',
  label: 'correction',
  weight: 0.1,
  substantive: false,
  notice: isCorrectionNotice,
  detect: (evidence) => noticeAppeared(evidence, isCorrectionNotice),
});
