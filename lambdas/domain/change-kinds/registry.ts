// Every change kind, in the one order the monitor lists them: stored records,
// the JSON API, feeds, the README and the classifier's detectors all follow it.
// A kind is appended here, never reordered or renamed; its weight, label and
// detector live in its own file.
import { byline } from './byline';
import { correction } from './correction';
import type { ChangeKindDefinition } from './definition';
import { name } from './name';
import { number } from './number';
import { paragraphAdded } from './paragraph-added';
import { paragraphEdited } from './paragraph-edited';
import { paragraphMoved } from './paragraph-moved';
import { paragraphRemoved } from './paragraph-removed';
import { quote } from './quote';
import { removed } from './removed';
import { restored } from './restored';
import { revert } from './revert';
import { title } from './title';
import { updateNotice } from './update-notice';
import { urlChanged } from './url-changed';

export const CHANGE_KIND_REGISTRY = [
  title,
  byline,
  paragraphAdded,
  paragraphRemoved,
  paragraphEdited,
  paragraphMoved,
  quote,
  number,
  name,
  correction,
  updateNotice,
  revert,
  removed,
  restored,
  urlChanged,
] as const;

export type ChangeKind = (typeof CHANGE_KIND_REGISTRY)[number]['kind'];
type KindDefinition = ChangeKindDefinition<ChangeKind>;

export const CHANGE_KINDS: readonly ChangeKind[] = CHANGE_KIND_REGISTRY.map((definition) => definition.kind);

// Typed as complete because every ChangeKind is, by its type, the kind of one entry above.
function byKind<Value>(pick: (definition: KindDefinition) => Value): Readonly<Record<ChangeKind, Value>> {
  return Object.fromEntries(CHANGE_KIND_REGISTRY.map((definition) => [definition.kind, pick(definition)])) as Record<ChangeKind, Value>;
}

export const KIND_LABELS = byKind((definition) => definition.label);
export const KIND_WEIGHTS = byKind((definition) => definition.weight);
export const SUBSTANTIVE_KINDS: readonly ChangeKind[] = CHANGE_KIND_REGISTRY.filter((definition) => definition.substantive).map(
  (definition) => definition.kind,
);
