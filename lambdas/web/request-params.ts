// Query parameters read and validated in one place, so every route rejects a
// bad parameter with the same clear InvalidInputError.
import { isListStatus, LIST_STATUSES, type ArticleFilter } from '../domain/article-filter';
import { CHANGE_KINDS, type ChangeKind } from '../domain/types';
import { normaliseUrl } from '../domain/url';
import { InvalidInputError } from '../errors';
import type { ChangeQuery } from '../ports';
import type { ChangePage } from '../service/change-page';
import { sitePath } from '../domain/site-links';
import { changeCursor } from '../domain/change-cursor';

const MAX_URL_LENGTH = 2048;
const SOURCE_NAME = /^[\w.-]{1,253}$/;

function single(query: URLSearchParams, name: string): string | null {
  const values = query.getAll(name);
  if (values.length > 1) throw new InvalidInputError(`give ?${name}= only once`);
  return values[0] ?? null;
}

/** The article URL a page is about, normalised the way it was watched. */
export function articleUrlParam(query: URLSearchParams): string {
  const url = optionalArticleUrlParam(query);
  if (url === null) throw new InvalidInputError('missing ?url= (the article URL)');
  return url;
}

function optionalArticleUrlParam(query: URLSearchParams): string | null {
  const value = single(query, 'url');
  if (value === null) return null;
  if (value.trim() === '') throw new InvalidInputError('?url= is empty');
  if (value.length > MAX_URL_LENGTH) throw new InvalidInputError(`?url= is longer than ${MAX_URL_LENGTH} characters`);
  return normaliseUrl(value);
}

/** A version number (0, 1, 2, ...), or null when the parameter is absent. */
export function versionParam(query: URLSearchParams, name: string): number | null {
  const value = single(query, name);
  if (value === null || value === '') return null;
  if (!/^\d{1,9}$/.test(value)) throw new InvalidInputError(`?${name}= must be a version number (0, 1, 2, ...), got ${JSON.stringify(value.slice(0, 40))}`);
  return Number(value);
}

function flagParam(query: URLSearchParams, name: string): boolean {
  const value = single(query, name);
  if (value === null || value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw new InvalidInputError(`?${name}= must be 1 or 0, got ${JSON.stringify(value.slice(0, 40))}`);
}

export function includeBoringParam(query: URLSearchParams): boolean {
  return flagParam(query, 'boring');
}

function kindsParam(query: URLSearchParams): ChangeKind[] {
  const kinds: ChangeKind[] = [];
  for (const value of query.getAll('kind')) {
    for (const part of value.split(',')) {
      const name = part.trim();
      if (name === '') continue;
      const kind = CHANGE_KINDS.find((known) => known === name);
      if (kind === undefined) {
        throw new InvalidInputError(`unknown change kind ${JSON.stringify(name.slice(0, 40))} (known: ${CHANGE_KINDS.join(', ')})`);
      }
      if (!kinds.includes(kind)) kinds.push(kind);
    }
  }
  return kinds;
}

function sourceParam(query: URLSearchParams): string | null {
  const value = single(query, 'source');
  if (value === null || value === '') return null;
  if (!SOURCE_NAME.test(value)) throw new InvalidInputError(`?source= must be a source name (letters, digits, ".", "_" or "-")`);
  return value;
}

function limitParam(query: URLSearchParams, fallback: number, max: number): number {
  const value = single(query, 'limit');
  if (value === null || value === '') return fallback;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new InvalidInputError(`?limit= must be a whole number from 1 to ${max}`);
  }
  return Number(value);
}

/** The change filters shared by the recent-changes page, the feeds and GET /api/changes. */
export function changeQueryParams(query: URLSearchParams, options: { defaultLimit: number; maxLimit: number }): ChangeQuery {
  const changeQuery: ChangeQuery = { limit: limitParam(query, options.defaultLimit, options.maxLimit) };
  const source = sourceParam(query);
  if (source !== null) changeQuery.source = source;
  const url = optionalArticleUrlParam(query);
  if (url !== null) changeQuery.url = url;
  const kinds = kindsParam(query);
  if (kinds.length > 0) changeQuery.kinds = kinds;
  if (flagParam(query, 'stealth')) changeQuery.stealthOnly = true;
  if (includeBoringParam(query)) changeQuery.includeBoring = true;
  const before = beforeParam(query);
  if (before !== null) changeQuery.before = before;
  return changeQuery;
}

/**
 * `?before=`: the cursor for paging back, as `next` links give it (`<time>#<key>`), or a plain
 * UTC time for "changes detected before then".
 */
function beforeParam(query: URLSearchParams): string | null {
  const value = single(query, 'before');
  if (value === null) return null;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)(#[A-Za-z0-9_-]{32})?$/.exec(value);
  const time = match?.[1] ? new Date(match[1]) : null;
  if (!time || Number.isNaN(time.getTime())) {
    throw new InvalidInputError(
      `?before= must be a UTC time like 2026-11-21T09:00:00.000Z (or a cursor from a next link), got ${JSON.stringify(value.slice(0, 60))}`,
    );
  }
  return `${time.toISOString()}${match?.[2] ?? ''}`;
}

/** The link to the next, older page with the same filters and page size, or null after the last page. */
export function olderPage(path: string, changeQuery: ChangeQuery, page: ChangePage): string | null {
  const last = page.changes[page.changes.length - 1];
  if (!last || !page.more) return null;
  return sitePath(path, { ...changeQueryToParams(changeQuery), limit: changeQuery.limit, before: changeCursor(last) });
}

/** The same filters as query parameters, for links that keep the reader's filters. */
export function changeQueryToParams(changeQuery: ChangeQuery): Record<string, string | undefined> {
  return {
    source: changeQuery.source,
    url: changeQuery.url,
    kind: changeQuery.kinds?.join(','),
    stealth: changeQuery.stealthOnly ? '1' : undefined,
    boring: changeQuery.includeBoring ? '1' : undefined,
  };
}

export interface ArticleListParams {
  filter: ArticleFilter;
  limit: number;
  after?: string;
}

/** The listing of watched articles: ?status=, ?source=, ?flapping=1|0, ?limit=, ?after= (the previous page's cursor). */
export function articleListParams(query: URLSearchParams, options: { defaultLimit: number; maxLimit: number }): ArticleListParams {
  const filter: ArticleFilter = {};
  const status = single(query, 'status');
  if (status !== null && status !== '') {
    if (status !== 'all' && !isListStatus(status)) {
      throw new InvalidInputError(`?status= must be one of ${LIST_STATUSES.join(', ')} or all, got ${JSON.stringify(status.slice(0, 40))}`);
    }
    filter.status = status;
  }
  const source = sourceParam(query);
  if (source !== null) filter.source = source;
  const flapping = single(query, 'flapping');
  if (flapping !== null && flapping !== '') filter.flapping = flagParam(query, 'flapping');
  const params: ArticleListParams = { filter, limit: limitParam(query, options.defaultLimit, options.maxLimit) };
  const after = single(query, 'after');
  if (after !== null && after !== '') params.after = after;
  return params;
}

/** The same listing as query parameters, for the next page's link. */
export function articleListToParams(params: ArticleListParams): Record<string, string | undefined> {
  return {
    status: params.filter.status,
    source: params.filter.source,
    flapping: params.filter.flapping === undefined ? undefined : params.filter.flapping ? '1' : '0',
  };
}
