// The page tree the extractor reads (page-tree.ts builds it): plain nodes
// shaped like domhandler's, so CSS selectors (cheerio, for per-source rules)
// can run on the same tree once its siblings are linked (rules.ts), and the
// hot loops walk `children` arrays with no wrappers.

export interface Root {
  type: 'root';
  children: ChildNode[];
  parent: null;
  /** How many elements the tree holds: their indexes run from 0 to this. */
  elements: number;
}

export interface Element {
  type: 'tag';
  /** Lower-cased tag name. */
  name: string;
  /** Place in the page among its elements, from 0: the row of per-element tables. */
  index: number;
  /** Lower-cased attribute names; without per-source rules, only the attributes the extractor reads. */
  attribs: Record<string, string>;
  /** What its class and id say (hints.ts), once read; -1 until then. */
  words: number;
  /** A panel that a control before it expands (aria-expanded with aria-controls naming its id): an accordion's answer, a "read more" body. */
  opensOnClick: boolean;
  children: ChildNode[];
  parent: ParentNode;
  /** Where its markup starts in the page (its "<"), and where it ends: past its end tag, or where something closed it. */
  start: number;
  end: number;
}

export interface Text {
  type: 'text';
  /** Character references already decoded. */
  data: string;
  parent: ParentNode;
}

export type ParentNode = Root | Element;
export type ChildNode = Element | Text;
export type AnyNode = Root | Element | Text;

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag';
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
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'canvas',
  'iframe',
  'object',
  'embed',
  'video',
  'audio',
  'source',
  'track',
  'map',
  'button',
  'input',
  'select',
  'option',
  'textarea',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'dialog',
  'img',
  'picture',
  'param',
  'area',
]);

/** Inline elements: text on either side of them belongs to the same paragraph. */
export const INLINE = new Set([
  'a',
  'abbr',
  'acronym',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'label',
  'mark',
  'nobr',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
  'img',
  'picture',
  'abbr',
  'output',
  'ruby',
  'rt',
  'rp',
]);

export const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
