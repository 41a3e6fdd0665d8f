// Stored records to the public JSON shapes of the API and `monitor export`.
import type {
  ArticleHead,
  ArticleJson,
  ChangeJson,
  ChangeRecord,
  VariantJson,
  VariantRecord,
  VersionJson,
  VersionListingJson,
  VersionRecord,
  VersionSummary,
} from './types';
import { isHeadlineTest } from './variants';

export function articleJson(head: ArticleHead): ArticleJson {
  return {
    type: 'article',
    url: head.url,
    source: head.source,
    status: head.status,
    firstSeenAt: head.firstSeenAt,
    lastCheckedAt: head.lastCheckedAt,
    lastChangedAt: head.lastChangedAt,
    versionCount: head.versionCount,
    changeCount: head.changeCount,
    title: head.latestTitle,
    flapping: head.flapping,
    currentUrl: head.currentUrl,
    pausedAt: head.pausedAt,
    unwatchedAt: head.unwatchedAt,
  };
}

/** What a version says about itself, without its text. */
function versionMetaJson(version: Omit<VersionRecord, 'text'>): Omit<VersionJson, 'text'> {
  const json: Omit<VersionJson, 'text'> = {
    type: 'version',
    url: version.url,
    version: version.version,
    capturedAt: version.capturedAt,
    title: version.title,
    byline: version.byline,
    publishedAt: version.publishedAt,
    hash: version.hash,
    boring: version.boring,
  };
  if (version.rebaselined === true) json.rebaselined = true;
  return json;
}

export function versionJson(version: VersionRecord): VersionJson {
  return { ...versionMetaJson(version), text: version.text };
}

export function versionListingJson(version: VersionSummary): VersionListingJson {
  return { ...versionMetaJson(version), chars: version.chars };
}

export function changeJson(change: ChangeRecord): ChangeJson {
  const json: ChangeJson = {
    type: 'change',
    url: change.url,
    from: change.from,
    to: change.to,
    detectedAt: change.detectedAt,
    kinds: change.kinds,
    boring: change.boring,
    stealth: change.stealth,
    significance: change.significance,
    charsAdded: change.charsAdded,
    charsRemoved: change.charsRemoved,
    summary: change.summary,
  };
  if (change.newUrl !== undefined) json.newUrl = change.newUrl;
  return json;
}

export function variantJson(variant: VariantRecord): VariantJson {
  return {
    type: 'variant',
    url: variant.url,
    hash: variant.hash,
    headlineTest: isHeadlineTest(variant),
    title: variant.title,
    currentTitle: variant.currentTitle,
    excerpt: variant.excerpt,
    firstSeenAt: variant.firstSeenAt,
    lastSeenAt: variant.lastSeenAt,
    seenCount: variant.seenCount,
  };
}
