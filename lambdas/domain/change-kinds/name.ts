// A different person, place or organisation named.
import { looseText } from '../content';
import { defineKind } from './definition';
import type { PlacedToken, TextEdit } from './evidence';

/** Capitalised words that are not the first word of a sentence: a cheap, robust stand-in for proper nouns. */
function properNouns(tokens: readonly PlacedToken[], text: string): string[] {
  return tokens
    .filter((token) => /^\p{Lu}/u.test(token.text) && token.text !== 'I')
    .filter((token) => {
      const lead = text.slice(0, token.at).replace(/["“”'‘’«»([\s]+$/u, '');
      return lead.length > 0 && !/[.!?:]$/.test(lead);
    })
    .map((token) => token.text);
}

function nameChanged(edit: TextEdit): boolean {
  // Headlines are Title Case, so capitals there say nothing about names.
  if (edit.where === 'headline') return false;
  const removedNames = properNouns(edit.removed, edit.before);
  const addedNames = properNouns(edit.added, edit.after);
  if (removedNames.length === 0 && addedNames.length === 0) return false;
  // A name that only changed case ("Russia" to "russia") is typography, not a different name.
  const removedWords = new Set(edit.removed.map((t) => looseText(t.text)));
  const addedWords = new Set(edit.added.map((t) => looseText(t.text)));
  return removedNames.some((name) => !addedWords.has(looseText(name))) || addedNames.some((name) => !removedWords.has(looseText(name)));
}

export const name = defineKind({
  kind: 'name',
  label: 'name',
  weight: 0.2,
  substantive: true,
  detect: (evidence) => evidence.edits.some(nameChanged),
});
