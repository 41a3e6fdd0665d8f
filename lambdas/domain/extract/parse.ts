// Parsing, with htmlparser2 through cheerio: forgiving of any markup and fast.
import { load, type CheerioAPI } from 'cheerio/slim';

export function parseHtml(html: string): CheerioAPI {
  return load(html, { xml: { xmlMode: false } });
}
