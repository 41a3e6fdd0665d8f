// The words of the variants a check suppressed, measured against the current
// version's text (read once, only on a check that saw a variant).
import type { PreparedContent } from '../domain/content';
import type { ArticleHead, VariantSighting } from '../domain/types';
import { variantSighting } from '../domain/variants';
import type { ArticleStore } from '../ports';
import { paragraphsOf } from './article-history';

export async function variantSightings(
  store: ArticleStore,
  head: ArticleHead,
  variants: readonly PreparedContent[],
  seenAt: string,
): Promise<VariantSighting[]> {
  if (variants.length === 0 || head.currentVersion === null) return [];
  const current = await store.getVersion(head.url, head.currentVersion);
  // A head naming a missing version is caught by the check's own read of it; here it only means no words to compare.
  if (current === null) return [];
  const currentSide = { title: current.title, byline: current.byline, paragraphs: paragraphsOf(current.text) };
  return variants.map((variant) => variantSighting(head, currentSide, variant, seenAt));
}
