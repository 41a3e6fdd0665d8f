// The noise a real site rotates on every request, outside the article: an
// ad, a timestamp, a token, a promo line. bench:throughput serves pages with
// it; bench:signatures checks which pages' signatures hold through it.
import { createHash } from 'node:crypto';

/** The page as served for request number `tick`: the same article, fresh noise around it. */
export function withRequestNoise(html: string, tick: number): string {
  const noise =
    `<aside class="ad-slot" data-ad="${tick % 17}"><a href="/ad/${tick}">Sponsored offer ${tick % 97}</a></aside>` +
    `<div class="ticker">Updated ${new Date(1_700_000_000_000 + tick * 1000).toISOString()}</div>` +
    `<script>window.__csrf="${createHash('sha1').update(String(tick)).digest('hex')}"</script>`;
  const out = html.includes('</body>') ? html.replace('</body>', `${noise}</body>`) : html + noise;
  return out.replace(/<body([^>]*)>/i, (open) => `${open}<div class="promo">Trending now: story ${tick % 13}</div>`);
}
