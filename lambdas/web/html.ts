// HTML built by a tagged template that escapes every interpolated string, so
// text from a fetched page can only ever land in a page as text.

/** Markup that is already safe to emit as is. Only `html` and `raw` make one. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  // false/null/undefined render as nothing so `condition && html\`...\`` reads naturally.
  if (value === null || value === undefined || value === false || value === true) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Trusted markup written in this code base (never text from a fetched page). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * The URL if it may be used as a link target: absolute http(s) only, so a
 * stored `javascript:` or `data:` URL can never become a clickable link.
 */
export function safeExternalHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/** A link to a page outside this site, or the plain URL text when it is not a safe link. */
export function externalLink(url: string, text: string = url): SafeHtml {
  const href = safeExternalHref(url);
  if (href === null) return html`<span class="url">${text}</span>`;
  return html`<a href="${href}" rel="noopener noreferrer nofollow">${text}</a>`;
}
