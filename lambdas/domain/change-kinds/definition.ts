// The shape of one change kind: everything the monitor knows about it, in one
// entry, so a kind is added, re-weighted or renamed in one file.
import type { ChangeEvidence } from './evidence';

export interface ChangeKindDefinition<Kind extends string = string> {
  /** The name in stored records, the JSON API and feeds; never renamed. */
  readonly kind: Kind;
  /** How pages and feeds name it to a reader. */
  readonly label: string;
  /** What it adds to a change's significance (0..1; the sum is capped at 1). */
  readonly weight: number;
  /** Alone enough to make a change nobody owned up to a stealth edit, whatever its size. */
  readonly substantive: boolean;
  /**
   * Whether a diff shows this kind. Absent for the status kinds (revert, removed,
   * restored, url-changed), which the check planner assigns from what it fetched,
   * not from a diff.
   */
  readonly detect?: (evidence: ChangeEvidence) => boolean;
  /**
   * For the kinds that are the newsroom owning up (correction, update notice):
   * which paragraphs are such a notice. A change that brings one is never a
   * stealth edit, and one already on the page covers later upkeep (stealth.ts).
   */
  readonly notice?: (paragraph: string) => boolean;
}

export function defineKind<const Kind extends string>(definition: ChangeKindDefinition<Kind>): ChangeKindDefinition<Kind> {
  return definition;
}
