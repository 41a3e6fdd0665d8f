// When a change is a stealth edit: it matters, and the newsroom did not say so.
//
// A change is stealth when all of these hold:
// 1. it is not boring (more than whitespace, typography or letter case changed);
// 2. it brings no notice of its own: no correction or update notice appeared or
//    changed with it (the registry kinds that have a `notice`);
// 3. it matters: it has a substantive kind (headline, quote, number, name, a
//    paragraph cut or reworded), or its significance reaches STEALTH_THRESHOLD;
// 4. it is not moves alone: a change whose only kind is paragraph-moved, with no
//    word of a moved paragraph changed, reorders what readers already had;
// 5. it is not upkeep under a standing notice. The previous version already
//    carried a correction or update notice, the new one still does, and the
//    change is only upkeep: its kinds are paragraph-edited and paragraph-moved
//    and nothing else, and no edited paragraph lost or gained more than
//    UPKEEP_WORDS words (a typo fixed, a word swapped, a phrase tightened).
//    Readers were told the story is being corrected or updated; polishing it
//    after that hides nothing. Anything that can carry a new fact still needs a
//    new or changed notice: a headline, quote, number or name, a paragraph
//    added or cut, a byline, or a longer rewording.
import { CHANGE_KIND_REGISTRY, SUBSTANTIVE_KINDS, type ChangeKind } from './change-kinds/registry';
import type { ChangeEvidence, TextEdit } from './change-kinds/evidence';
import { isWordToken } from './diff/tokens';

const STEALTH_THRESHOLD = 0.05;
/** Most words one edited paragraph may lose, and most it may gain, and still be upkeep. */
const UPKEEP_WORDS = 3;

const NOTICE_KINDS = CHANGE_KIND_REGISTRY.filter((definition) => definition.notice !== undefined);
const UPKEEP_KINDS: ReadonlySet<ChangeKind> = new Set(['paragraph-edited', 'paragraph-moved']);

export interface StealthQuestion {
  kinds: readonly ChangeKind[];
  boring: boolean;
  significance: number;
  evidence: ChangeEvidence;
}

export function isStealth({ kinds, boring, significance, evidence }: StealthQuestion): boolean {
  if (boring) return false;
  if (NOTICE_KINDS.some((definition) => kinds.includes(definition.kind))) return false;
  if (!(significance >= STEALTH_THRESHOLD || SUBSTANTIVE_KINDS.some((kind) => kinds.includes(kind)))) return false;
  if (movesAlone(kinds, evidence)) return false;
  return !upkeepUnderStandingNotice(kinds, evidence);
}

function wordsIn(tokens: TextEdit['removed']): number {
  return tokens.filter((token) => isWordToken(token.text)).length;
}

function movesAlone(kinds: readonly ChangeKind[], evidence: ChangeEvidence): boolean {
  return (
    kinds.length > 0 && kinds.every((kind) => kind === 'paragraph-moved') && evidence.edits.every((edit) => wordsIn(edit.removed) + wordsIn(edit.added) === 0)
  );
}

function carriesNotice(paragraphs: readonly string[]): boolean {
  return paragraphs.some((paragraph) => NOTICE_KINDS.some((definition) => definition.notice?.(paragraph)));
}

function upkeepUnderStandingNotice(kinds: readonly ChangeKind[], evidence: ChangeEvidence): boolean {
  return (
    carriesNotice(evidence.before.paragraphs) &&
    carriesNotice(evidence.after.paragraphs) &&
    kinds.every((kind) => UPKEEP_KINDS.has(kind)) &&
    evidence.edits.every((edit) => wordsIn(edit.removed) <= UPKEEP_WORDS && wordsIn(edit.added) <= UPKEEP_WORDS)
  );
}
