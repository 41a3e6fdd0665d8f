// A rewritten headline: what most readers see, and what most share.
import { defineKind } from './definition';

export const title = defineKind({
  kind: 'title',
  label: 'headline',
  weight: 0.3,
  substantive: true,
  detect: (evidence) => evidence.diff.title !== null,
});
