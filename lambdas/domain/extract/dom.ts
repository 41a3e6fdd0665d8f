// The handful of facts about domhandler nodes the extractor needs, as plain
// functions, so the hot loops walk `children` arrays without cheerio wrappers.
import type { AnyNode, Element, Text } from 'domhandler';

export type { AnyNode, Element, Text };

export function isElement(node: AnyNode): node is Element {
  // htmlparser2 gives <script> and <style> their own node types; both are elements.
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function isText(node: AnyNode): node is Text {
  return node.type === 'text';
}

export function attr(element: Element, name: string): string {
  return element.attribs[name] ?? '';
}

/** Class and id together: the words sites use to say what a box is for. */
export function classAndId(element: Element): string {
  const className = element.attribs.class;
  const id = element.attribs.id;
  if (className === undefined) return id ?? '';
  return id === undefined ? className : `${className} ${id}`;
}

/** Elements whose content is never prose. */
export const NEVER_CONTENT = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed', 'video', 'audio',
  'source', 'track', 'map', 'button', 'input', 'select', 'option', 'textarea', 'head', 'title', 'meta', 'link', 'base',
  'dialog', 'img', 'picture', 'param', 'area',
]);

/** Inline elements: text on either side of them belongs to the same paragraph. */
export const INLINE = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins',
  'kbd', 'label', 'mark', 'nobr', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt',
  'u', 'var', 'wbr', 'img', 'picture', 'abbr', 'output', 'ruby', 'rt', 'rp',
]);

export const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
