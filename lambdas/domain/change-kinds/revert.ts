// The live page went back to the text of an earlier version. The check
// planner assigns it (from the head's known hashes), no diff shows it; the
// change is scored by the diff back, so the kind itself adds nothing.
import { defineKind } from './definition';

export const revert = defineKind({
  kind: 'revert',
  label: 'revert',
  weight: 0,
  substantive: false,
});
