// The page a reader sees when a request fails: the status and a message that
// says what to do, never internals.
import { html } from '../html';
import { renderPage } from '../layout';

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not authorised',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Request too large',
  500: 'Something went wrong',
  502: 'The article could not be fetched',
  503: 'Not available',
};

function statusTitle(status: number): string {
  return STATUS_TITLES[status] ?? 'Error';
}

export function renderErrorPage(siteName: string, status: number, message: string): string {
  return renderPage({
    siteName,
    title: statusTitle(status),
    body: html`<h1>${statusTitle(status)}</h1><p class="error">${message}</p><p><a href="/">Back to recent changes</a></p>`,
  });
}
