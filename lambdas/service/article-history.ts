// Reading one watched article back, the same way for the pages, the JSON API,
// the CLI and the export: its head, every version and change, and the pair of
// versions a diff shows when the reader names none.
import { diffArticles } from '../domain/diff/index';
import { type DiffView, diffView } from '../domain/diff/view';
import type { ArticleDiff } from '../domain/diff/types';
import { normaliseUrl } from '../domain/url';
import type { ArticleHead, ChangeRecord, VariantRecord, VersionRecord } from '../domain/types';
import { ArticleNotFoundError, InvalidInputError, VersionNotFoundError } from '../errors';
import type { ArticleStore, VersionSummary } from '../ports';

export interface ArticleHistory {
  head: ArticleHead;
  /** Oldest first. */
  versions: VersionSummary[];
  /** Newest first, boring ones included (each carries its flag). */
  changes: ChangeRecord[];
  /** The texts the page alternated with (A/B headline tests, rotations), suppressed as versions; first seen first. */
  variants: VariantRecord[];
}

/** The head of a watched article; ArticleNotFoundError when the URL is not watched. */
export async function loadHead(store: ArticleStore, url: string): Promise<ArticleHead> {
  const normalised = normaliseUrl(url);
  const head = await store.getArticle(normalised);
  if (!head) throw new ArticleNotFoundError(normalised);
  return head;
}

/**
 * The URL an article's records are filed under, for a URL a reader gave: an address the article
 * moved to leads to it. Unwatched URLs come back as given (their listings are simply empty).
 */
export async function recordsUrl(store: ArticleStore, url: string): Promise<string> {
  return (await store.getArticle(url))?.url ?? url;
}

/** Every change of the article, boring ones included, newest first. */
function changesOf(store: ArticleStore, head: ArticleHead): Promise<ChangeRecord[]> {
  // The head counts its changes, so this one read is exactly the article's whole list.
  return store.recentChanges({ url: head.url, includeBoring: true, limit: Math.max(1, head.changeCount) });
}

/** Every change of the article, boring ones included, oldest first. */
export async function allChanges(store: ArticleStore, head: ArticleHead): Promise<ChangeRecord[]> {
  return (await changesOf(store, head)).reverse();
}

export async function loadArticleHistory(store: ArticleStore, url: string): Promise<ArticleHistory> {
  const head = await loadHead(store, url);
  const [versions, changes, variants] = await Promise.all([store.listVersions(head.url), changesOf(store, head), store.listVariants(head.url)]);
  return { head, versions, changes, variants };
}

export interface VersionPair {
  from: number;
  to: number;
}

/**
 * The versions a diff compares when the reader names some or none: the last change that compared
 * two texts (after a revert that is current → earlier version, not the newest version against
 * itself); with only `to`, the version before it.
 */
function defaultDiffPair(head: ArticleHead, changes: readonly ChangeRecord[], requested: Partial<VersionPair> = {}): VersionPair {
  if (head.versionCount === 0) throw new VersionNotFoundError(head.url, 0, 0);
  for (const version of [requested.from, requested.to]) {
    if (version !== undefined && version >= head.versionCount) throw new VersionNotFoundError(head.url, version, head.versionCount);
  }
  let { from, to } = requested;
  if (from === undefined && to === undefined) {
    const latest = changes.find((change) => change.from !== change.to);
    if (latest) return { from: latest.from, to: latest.to };
  }
  to ??= head.currentVersion ?? head.versionCount - 1;
  if (from === undefined) {
    if (to === 0) throw new InvalidInputError('version 0 is the first version; there is nothing before it to compare with');
    from = to - 1;
  }
  return { from, to };
}

export interface DiffModel {
  head: ArticleHead;
  from: VersionRecord;
  to: VersionRecord;
  diff: ArticleDiff;
  /** What both renderers (the web page and the terminal) draw. */
  view: DiffView;
  /** The recorded change between exactly these two versions, if there is one. */
  change: ChangeRecord | null;
}

export async function loadVersion(store: ArticleStore, head: ArticleHead, version: number): Promise<VersionRecord> {
  const record = await store.getVersion(head.url, version);
  if (record === null) throw new VersionNotFoundError(head.url, version, head.versionCount);
  return record;
}

/** A version's body as the diff sees it: paragraphs are separated by blank lines. */
export function paragraphsOf(text: string): string[] {
  return text.split('\n\n').filter((paragraph) => paragraph.trim() !== '');
}

export async function loadDiff(store: ArticleStore, url: string, requested: Partial<VersionPair> = {}): Promise<DiffModel> {
  const head = await loadHead(store, url);
  const changes = await changesOf(store, head);
  const pair = defaultDiffPair(head, changes, requested);
  const [from, to] = await Promise.all([loadVersion(store, head, pair.from), loadVersion(store, head, pair.to)]);
  const change = changes.find((candidate) => candidate.from === pair.from && candidate.to === pair.to) ?? null;
  return diffModel(head, from, to, change);
}

/** The diff of two loaded versions, with the view the renderers draw. */
export function diffModel(head: ArticleHead, from: VersionRecord, to: VersionRecord, change: ChangeRecord | null): DiffModel {
  const before = { title: from.title, byline: from.byline, paragraphs: paragraphsOf(from.text) };
  const after = { title: to.title, byline: to.byline, paragraphs: paragraphsOf(to.text) };
  const diff = diffArticles(before, after);
  return { head, from, to, diff, view: diffView(diff, before, after), change };
}
