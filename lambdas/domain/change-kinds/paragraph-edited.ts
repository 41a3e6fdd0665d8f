// A paragraph reworded in place.
import { defineKind } from './definition';

export const paragraphEdited = defineKind({
  kind: 'paragraph-edited',
  label: 'paragraph edited',
  weight: 0.05,
  substantive: true,
  detect: (evidence) => evidence.editedParagraphCount > 0,
});
