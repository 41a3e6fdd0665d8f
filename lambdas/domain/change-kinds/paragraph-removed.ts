// A paragraph gone from the later version: a cut is the edit a newsroom is
// least likely to announce, so it counts as substantive whatever its size.
import { defineKind } from './definition';

export const paragraphRemoved = defineKind({
  kind: 'paragraph-removed',
  label: 'paragraph removed',
  weight: 0.15,
  substantive: true,
  detect: (evidence) => evidence.removedParagraphs.length > 0,
});
