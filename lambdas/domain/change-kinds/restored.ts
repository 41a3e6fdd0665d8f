// A removed page is back online. The check planner assigns it from the HTTP
// status, and records it at full significance, as the weight says.
import { defineKind } from './definition';

export const restored = defineKind({
  kind: 'restored',
  label: 'restored',
  weight: 1,
  substantive: false,
});
