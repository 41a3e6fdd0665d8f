// React's streaming server render sends a page in two halves: where a part is
// not ready yet it writes <template id="B:n"> and a fallback ("Loading
// paragraph..."), and later, near the end of the body, the part itself in a
// hidden <div id="S:n">, which a script then moves into the template's place.
// A part streamed inside another part marks its place with an empty
// <template id="P:n"> instead, and has no fallback. (React numbers them in
// hexadecimal: "S:c".) The stored page has the halves apart; a reader's browser shows them
// together. Put each part back where it goes, so the story reads in order.
import { isElement, type Element } from './dom';
import type { WorkBudget } from './work-budget';

/** The id of a late part's placeholder (B: with a fallback after it, P: without), and the id of the part. */
export const STREAM_PLACEHOLDER = /^[BP]:([\da-f]+)$/;
export const STREAMED_SEGMENT = /^S:([\da-f]+)$/;

/** A fallback is a short line or a skeleton box; anything longer is content the page put beside the placeholder. */
const FALLBACK_CHARS = 80;
/** More late parts than any page has: past this, the rest stay where they are. */
const MOST_SEGMENTS = 2_000;

function contains(box: Element, node: Element, budget: WorkBudget): boolean {
  for (let current: Element | null = node; current; current = isElement(current.parent) ? current.parent : null) {
    budget.tick();
    if (current === box) return true;
  }
  return false;
}

function shortText(element: Element, budget: WorkBudget): boolean {
  let chars = 0;
  const visit = (node: Element): boolean => {
    for (const child of node.children) {
      budget.tick();
      if (child.type === 'text') chars += child.data.trim().length;
      else if (!visit(child)) return false;
      if (chars > FALLBACK_CHARS) return false;
    }
    return true;
  };
  return visit(element);
}

/**
 * Moves each streamed part (hidden div S:n) into the place of its
 * placeholder (template B:n or P:n), dropping the fallback right after a
 * B: placeholder. Parts and placeholders are matched by their number, as
 * React's own script pairs them; one without the other stays as it is.
 */
export function placeStreamedSegments(placeholders: Map<string, Element>, segments: Map<string, Element>, budget: WorkBudget): void {
  let placed = 0;
  for (const [number, placeholder] of placeholders) {
    const segment = segments.get(number);
    if (!segment || placed >= MOST_SEGMENTS || contains(segment, placeholder, budget)) continue;
    const parent = placeholder.parent;
    const at = parent.children.indexOf(placeholder);
    if (at < 0) continue;
    placed++;
    const next = parent.children[at + 1];
    const dropFallback = placeholder.attribs.id?.startsWith('B') === true && next !== undefined && isElement(next) && shortText(next, budget);
    for (const child of segment.children) child.parent = parent;
    parent.children.splice(at, dropFallback ? 2 : 1, ...segment.children);
    segment.children = [];
  }
}
