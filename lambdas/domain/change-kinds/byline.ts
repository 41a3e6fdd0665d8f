// A changed byline: who the newsroom says wrote the story.
import { defineKind } from './definition';

export const byline = defineKind({
  kind: 'byline',
  label: 'byline',
  weight: 0.1,
  substantive: false,
  detect: (evidence) => evidence.diff.byline !== null,
});
