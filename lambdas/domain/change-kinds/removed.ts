// The page answered 404 or 410. The check planner assigns it from the HTTP
// status, and records it at full significance, as the weight says.
import { defineKind } from './definition';

export const removed = defineKind({
  kind: 'removed',
  label: 'removed',
  weight: 1,
  substantive: false,
});
