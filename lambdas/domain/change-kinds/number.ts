// A changed figure: a death toll, a sum, an age, a date.
import { defineKind } from './definition';
import { bagsDiffer, type TextEdit } from './evidence';

const isNumber = (token: string): boolean => /^\d/.test(token);

function numbersChanged(edit: TextEdit): boolean {
  return bagsDiffer(edit.removed.map((t) => t.text).filter(isNumber), edit.added.map((t) => t.text).filter(isNumber));
}

export const number = defineKind({
  kind: 'number',
  label: 'number',
  weight: 0.2,
  substantive: true,
  detect: (evidence) => evidence.edits.some(numbersChanged),
});
