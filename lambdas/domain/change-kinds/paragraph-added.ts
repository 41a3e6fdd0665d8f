// A paragraph new in the later version, not the other half of an edit or a move.
import { defineKind } from './definition';

export const paragraphAdded = defineKind({
  kind: 'paragraph-added',
  label: 'paragraph added',
  weight: 0.1,
  substantive: false,
  detect: (evidence) => evidence.addedParagraphs.length > 0,
});
