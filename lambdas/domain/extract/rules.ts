// Per-source extraction rules from the config: CSS selectors for the boxes
// that hold the story (include) and for chrome to remove first (drop). Data,
// checked once when the config is loaded, never code.
import { load, type CheerioAPI } from 'cheerio/slim';
import { InvalidExtractionRuleError } from '../../errors';
import type { ExtractionRules } from '../types';
import { isElement, type AnyNode, type ChildNode, type Element, type ParentNode, type Root } from './dom';

const MAX_SELECTOR_LENGTH = 500;
let probe: CheerioAPI | null = null;

function checkSelector(selector: unknown, where: string): void {
  if (typeof selector !== 'string' || selector.trim() === '') {
    throw new InvalidExtractionRuleError(`${where}: expected a non-empty CSS selector`);
  }
  if (selector.length > MAX_SELECTOR_LENGTH) {
    throw new InvalidExtractionRuleError(`${where}: selector is longer than ${MAX_SELECTOR_LENGTH} characters`);
  }
  probe ??= load('<p></p>', { xml: { xmlMode: false } });
  try {
    // Compiling against a tiny document is how the selector engine reports a syntax error.
    probe(selector);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidExtractionRuleError(`${where}: not a usable CSS selector ${JSON.stringify(selector)} (${reason})`);
  }
}

/** Throws InvalidExtractionRuleError naming the first bad selector; returns quietly when all can be used. */
export function validateExtractionRules(rules: ExtractionRules, where = 'extract'): void {
  if (typeof rules !== 'object' || rules === null) throw new InvalidExtractionRuleError(`${where}: expected an object with "include" and/or "drop"`);
  for (const key of ['include', 'drop'] as const) {
    const list: unknown = rules[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new InvalidExtractionRuleError(`${where}.${key}: expected a list of CSS selectors`);
    list.forEach((selector: unknown, index) => {
      checkSelector(selector, `${where}.${key}[${index}]`);
    });
  }
}

interface Linked {
  prev: ChildNode | null;
  next: ChildNode | null;
}

/** Gives every node its sibling links, which sibling selectors and removal need and nothing else does. */
function linkSiblings(parent: ParentNode): void {
  let previous: (ChildNode & Linked) | null = null;
  for (const child of parent.children) {
    const node = child as ChildNode & Linked;
    node.prev = previous;
    node.next = null;
    if (previous) previous.next = node;
    previous = node;
    if (isElement(child)) linkSiblings(child);
  }
}

/**
 * CSS selectors over the page tree. Its nodes have the shape of domhandler's
 * (type, name, attribs, children, parent, and prev/next once linked), which
 * is all cheerio's selector engine and removal read.
 */
export function selectorsOver(root: Root): CheerioAPI {
  linkSiblings(root);
  return load(root as unknown as Parameters<typeof load>[0]);
}

/** Removes what the drop rules name. */
export function applyDropRules($: CheerioAPI, rules: ExtractionRules): void {
  for (const selector of rules.drop ?? []) $(selector).remove();
}

/** The boxes the include rules name, outermost only, in document order; empty when none match. */
export function includedParts($: CheerioAPI, rules: ExtractionRules): Element[] {
  const include = rules.include ?? [];
  if (include.length === 0) return [];
  const matched = ($(include.join(', ')).toArray() as unknown as AnyNode[]).filter(isElement);
  const chosen = new Set(matched);
  // A match inside another match would be read twice.
  return matched.filter((element) => {
    for (let parent: ParentNode | null = element.parent; parent; parent = parent.parent) {
      if (isElement(parent) && chosen.has(parent)) return false;
    }
    return true;
  });
}
