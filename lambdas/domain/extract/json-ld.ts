// Schema.org JSON-LD: the publisher's own statement of headline, authors and
// dates. Blocks are often sloppy (raw newlines in strings, trailing commas,
// several objects in a @graph), so parsing forgives what it safely can.

export type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const CONTROL_CHARACTERS = /[\u0000-\u001f]+/g;
const TRAILING_COMMA = /,\s*([}\]])/g;
const WRAPPER = /^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/g;

function parseLenient(source: string): unknown {
  try {
    return JSON.parse(source);
  } catch {
    try {
      // Raw control characters are only ever whitespace that slipped into strings.
      return JSON.parse(source.replace(WRAPPER, '').replace(CONTROL_CHARACTERS, ' ').replace(TRAILING_COMMA, '$1'));
    } catch {
      return undefined;
    }
  }
}

function flatten(value: unknown, into: JsonObject[], depth: number): void {
  if (depth > 4) return;
  if (Array.isArray(value)) {
    for (const item of value) flatten(item, into, depth + 1);
  } else if (isObject(value)) {
    into.push(value);
    if (value['@graph'] !== undefined) flatten(value['@graph'], into, depth + 1);
  }
}

function typesOf(object: JsonObject): string[] {
  const type = object['@type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

const ARTICLE_TYPE = /(?:Article|BlogPosting|LiveBlogPosting|Report|SocialMediaPosting|Review|Recipe|HowTo)$/;

/** The object describing the article itself, or else the web page; null when the page has neither. */
export function findArticleObject(blocks: string[]): JsonObject | null {
  const objects: JsonObject[] = [];
  for (const block of blocks) flatten(parseLenient(block), objects, 0);
  let page: JsonObject | null = null;
  for (const object of objects) {
    const types = typesOf(object);
    if (types.some((type) => ARTICLE_TYPE.test(type))) return object;
    if (!page && types.some((type) => type.endsWith('WebPage'))) page = object;
  }
  return page;
}

export function stringField(object: JsonObject | null, name: string): string {
  const value = object?.[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

/** Author names: a string, a Person (or Organization) object, or a list of either. */
export function authorNames(object: JsonObject | null): { people: string[]; organisations: string[] } {
  const people: string[] = [];
  const organisations: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') people.push(value);
    else if (Array.isArray(value)) for (const item of value) visit(item);
    else if (isObject(value) && typeof value.name === 'string') {
      (typesOf(value).includes('Organization') || typesOf(value).includes('NewsMediaOrganization') ? organisations : people).push(value.name);
    }
  };
  visit(object?.author ?? object?.creator);
  return { people, organisations };
}

/** The URL the object names for itself. */
export function selfUrl(object: JsonObject | null): string {
  const direct = stringField(object, 'url');
  if (direct) return direct;
  const main = object?.mainEntityOfPage;
  if (typeof main === 'string') return main;
  if (isObject(main) && typeof main['@id'] === 'string') return main['@id'];
  return '';
}
