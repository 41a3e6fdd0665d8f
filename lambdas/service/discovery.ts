// Finds new article URLs from each configured source (feeds, news sitemaps,
// front pages) and watches each one once, under its canonical form.
import type { SourceConfig } from '../domain/config';
import { parseFeedLinks, parseFrontPageLinks, parseSitemap } from '../domain/discovery-parse';
import { normaliseUrl } from '../domain/url';
import { FetchError, InvalidInputError } from '../errors';
import type { CheckerDeps } from './checker';
import { politeFetch } from './polite-fetch';
import { watchArticle } from './watch';

/** Bounds one run's work per source, so a huge sitemap cannot stall discovery. */
export const MAX_NEW_PER_SOURCE = 50;
const MAX_CHILD_SITEMAPS = 5;

export interface DiscoveryReport {
  source: string;
  found: number;
  watched: string[];
  errors: string[];
}

export async function discoverAll(deps: CheckerDeps): Promise<DiscoveryReport[]> {
  const reports: DiscoveryReport[] = [];
  for (const source of deps.config.sources) reports.push(await discoverSource(deps, source));
  return reports;
}

export async function discoverSource(deps: CheckerDeps, source: SourceConfig): Promise<DiscoveryReport> {
  const report: DiscoveryReport = { source: source.name, found: 0, watched: [], errors: [] };
  const candidates = new Set<string>();
  const fetchText = async (url: string): Promise<string | null> => {
    try {
      const outcome = await politeFetch(deps, { url });
      if (outcome.kind === 'ok') return outcome.body;
      const why = outcome.kind === 'http-error' ? `HTTP ${outcome.status}` : outcome.kind === 'disallowed' ? 'robots.txt disallows it' : outcome.kind;
      report.errors.push(`${url}: ${why}`);
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      report.errors.push(`${url}: ${error.message}`);
    }
    return null;
  };

  for (const feed of source.feeds) {
    const xml = await fetchText(feed);
    if (xml !== null) for (const link of parseFeedLinks(xml, feed)) candidates.add(link);
  }
  for (const sitemap of source.sitemaps) {
    const xml = await fetchText(sitemap);
    if (xml === null) continue;
    const parsed = parseSitemap(xml, sitemap);
    for (const url of parsed.urls) candidates.add(url);
    for (const child of parsed.sitemaps.slice(0, MAX_CHILD_SITEMAPS)) {
      const childXml = await fetchText(child);
      if (childXml !== null) for (const url of parseSitemap(childXml, child).urls) candidates.add(url);
    }
  }
  for (const page of source.frontPages) {
    const html = await fetchText(page.url);
    if (html !== null) for (const link of parseFrontPageLinks(html, page.url, new RegExp(page.articlePattern))) candidates.add(link);
  }

  report.found = candidates.size;
  for (const candidate of candidates) {
    if (report.watched.length >= MAX_NEW_PER_SOURCE) break;
    let url: string;
    try {
      url = normaliseUrl(candidate);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      continue;
    }
    try {
      const result = await watchArticle(deps, url, { preferCanonical: true });
      if (result.created) report.watched.push(result.article.url);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      report.errors.push(error.message);
    }
  }
  return report;
}
