// Finds new article URLs from each configured source (feeds, news sitemaps,
// front pages) and watches each one once, under its canonical form.
import type { SourceConfig } from '../domain/config';
import { parseFeedLinks, parseFrontPageLinks, parseSitemap } from '../domain/discovery-parse';
import { normaliseUrl } from '../domain/url';
import { InvalidUrlError, StoreBusyError, StoreUnavailableError } from '../errors';
import type { CheckerDeps } from './checker';
import { politeFetch } from './polite-fetch';
import { watchArticle } from './watch';

/** Bounds one run's work per source, so a huge sitemap cannot stall discovery. */
const MAX_NEW_PER_SOURCE = 50;
const MAX_CHILD_SITEMAPS = 5;

export interface DiscoveryReport {
  source: string;
  found: number;
  watched: string[];
  /** One line per failed feed, sitemap, page or entry: `<url>: <what went wrong>`. */
  errors: string[];
}

export async function discoverAll(deps: CheckerDeps): Promise<DiscoveryReport[]> {
  const reports: DiscoveryReport[] = [];
  for (const source of deps.config.sources) {
    try {
      reports.push(await discoverSource(deps, source));
    } catch (error) {
      // Only a store that cannot be reached gets here; the next source may still be tried next round.
      reports.push({ source: source.name, found: 0, watched: [], errors: [`${source.name}: ${messageOf(error)}`] });
    }
  }
  return reports;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The store is down or overloaded: every further entry would fail the same way, slowly. */
function storeTrouble(error: unknown): boolean {
  return error instanceof StoreUnavailableError || error instanceof StoreBusyError;
}

/**
 * One source's round. Each feed, sitemap, page and entry is tried on its own: whatever one of them
 * does (a URL that is no URL, markup that breaks a parser, a page the store refuses) is reported
 * with its URL and the rest carry on. Only a store in trouble ends the source's round early.
 */
export async function discoverSource(deps: CheckerDeps, source: SourceConfig): Promise<DiscoveryReport> {
  const report: DiscoveryReport = { source: source.name, found: 0, watched: [], errors: [] };
  const candidates = new Set<string>();
  const fail = (url: string, why: string): void => {
    report.errors.push(`${url}: ${why}`);
  };
  const fetchText = async (url: string): Promise<string | null> => {
    try {
      const outcome = await politeFetch(deps, { url });
      if (outcome.kind === 'ok') return outcome.body;
      fail(url, outcome.kind === 'http-error' ? `HTTP ${outcome.status}` : outcome.kind === 'disallowed' ? 'robots.txt disallows it' : outcome.kind);
    } catch (error) {
      if (storeTrouble(error)) throw error;
      fail(url, messageOf(error));
    }
    return null;
  };
  /** Links from one fetched document; a parser that breaks on it costs that document only. */
  const collect = async (url: string, parse: (text: string) => Iterable<string>): Promise<void> => {
    const text = await fetchText(url);
    if (text === null) return;
    try {
      for (const link of parse(text)) candidates.add(link);
    } catch (error) {
      fail(url, `cannot be read: ${messageOf(error)}`);
    }
  };

  for (const feed of source.feeds) await collect(feed, (xml) => parseFeedLinks(xml, feed));
  for (const sitemap of source.sitemaps) {
    const children: string[] = [];
    await collect(sitemap, (xml) => {
      const parsed = parseSitemap(xml, sitemap);
      children.push(...parsed.sitemaps.slice(0, MAX_CHILD_SITEMAPS));
      return parsed.urls;
    });
    for (const child of children) await collect(child, (xml) => parseSitemap(xml, child).urls);
  }
  for (const page of source.frontPages) {
    await collect(page.url, (html) => parseFrontPageLinks(html, page.url, new RegExp(page.articlePattern)));
  }

  report.found = candidates.size;
  for (const candidate of candidates) {
    if (report.watched.length >= MAX_NEW_PER_SOURCE) break;
    try {
      const result = await watchArticle(deps, normaliseUrl(candidate), { preferCanonical: true });
      if (result.created) report.watched.push(result.article.url);
    } catch (error) {
      if (storeTrouble(error)) {
        fail(candidate, `${messageOf(error)}; the rest of this source waits for the next round`);
        break;
      }
      // A link that is not a usable URL is no article: nothing to report.
      if (error instanceof InvalidUrlError) continue;
      fail(candidate, messageOf(error));
    }
  }
  return report;
}
