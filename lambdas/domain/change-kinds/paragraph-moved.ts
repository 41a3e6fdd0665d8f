// A paragraph at another position (and perhaps reworded there too).
import { defineKind } from './definition';

export const paragraphMoved = defineKind({
  kind: 'paragraph-moved',
  label: 'paragraph moved',
  weight: 0.05,
  substantive: false,
  detect: (evidence) => evidence.movedParagraphCount > 0,
});
