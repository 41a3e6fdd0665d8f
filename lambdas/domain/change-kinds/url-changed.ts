// The article now lives at another address (a redirect, or a new canonical
// URL). The check planner assigns it from where the fetch ended, and records
// it at full significance, as the weight says.
import { defineKind } from './definition';

export const urlChanged = defineKind({
  kind: 'url-changed',
  label: 'URL changed',
  weight: 1,
  substantive: false,
});
