// The small badges that say what kind of change this was and what state an
// article is in, so every page labels them the same way.
import { KIND_LABELS } from '../domain/change-kinds/registry';
import type { ArticleHead, ChangeKind, ChangeRecord } from '../domain/types';
import { listStatus } from '../domain/article-filter';
import { html, type SafeHtml } from './html';

export function kindName(kind: ChangeKind): string {
  return KIND_LABELS[kind];
}

export function changeLabels(change: Pick<ChangeRecord, 'kinds' | 'stealth' | 'boring'>): SafeHtml {
  return html`${change.stealth ? html`<span class="label stealth" title="A substantive change with no correction or update notice">stealth edit</span>` : null}${change.kinds.map(
    (kind) => html`<span class="label kind" data-kind="${kind}">${kindName(kind)}</span>`,
  )}${change.boring ? html`<span class="label boring" title="Only whitespace, typography or case changed">boring</span>` : null}`;
}

export function articleStatusLabels(head: Pick<ArticleHead, 'status' | 'flapping' | 'pausedAt' | 'unwatchedAt'>): SafeHtml {
  const state = listStatus(head);
  return html`<span class="label status-${head.status}">${head.status}</span>${
    state === 'paused' || state === 'unwatched' ? html`<span class="label status-${state}">${state}</span>` : null
  }${head.flapping ? html`<span class="label flapping" title="The page alternates between variants (A/B test or rotation)">flapping</span>` : null}`;
}
