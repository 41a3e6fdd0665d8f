import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidUrlError } from '../../lambdas/errors';
import { articleUrlParam, changeQueryParams, versionParam } from '../../lambdas/web/request-params';

const limits = { defaultLimit: 50, maxLimit: 200 };
const q = (search: string) => new URLSearchParams(search);

describe('change filters from the query string', () => {
  it('reads repeated and comma-separated kinds, stealth, boring, source and url', () => {
    expect(changeQueryParams(q('kind=quote&kind=number,title&stealth=1&boring=1&source=nytimes&url=https://Example.com/a?utm_source=x'), limits)).toEqual({
      limit: 50,
      kinds: ['quote', 'number', 'title'],
      stealthOnly: true,
      includeBoring: true,
      source: 'nytimes',
      url: 'https://example.com/a',
    });
  });

  it('hides boring changes unless asked, and applies no other filter by default', () => {
    expect(changeQueryParams(q(''), limits)).toEqual({ limit: 50 });
    expect(changeQueryParams(q('boring=0&stealth=0'), limits)).toEqual({ limit: 50 });
  });

  it('refuses unknown kinds, bad flags, bad limits and odd source names with a clear message', () => {
    expect(() => changeQueryParams(q('kind=gossip'), limits)).toThrow(/unknown change kind "gossip"/);
    expect(() => changeQueryParams(q('stealth=yes'), limits)).toThrow(InvalidInputError);
    expect(() => changeQueryParams(q('limit=0'), limits)).toThrow(/from 1 to 200/);
    expect(() => changeQueryParams(q('limit=201'), limits)).toThrow(/from 1 to 200/);
    expect(() => changeQueryParams(q('source=%3Cscript%3E'), limits)).toThrow(/source name/);
  });
});

describe('article and version parameters', () => {
  it('normalises the article URL the way it was watched', () => {
    expect(articleUrlParam(q('url=https://EXAMPLE.com/a#top'))).toBe('https://example.com/a');
  });

  it('refuses a missing, repeated or non-http URL', () => {
    expect(() => articleUrlParam(q(''))).toThrow(/missing \?url=/);
    expect(() => articleUrlParam(q('url=https://a.example/&url=https://b.example/'))).toThrow(/only once/);
    expect(() => articleUrlParam(q('url=javascript:alert(1)'))).toThrow(InvalidUrlError);
  });

  it('reads version numbers and refuses anything else', () => {
    expect(versionParam(q('from=3'), 'from')).toBe(3);
    expect(versionParam(q(''), 'from')).toBeNull();
    expect(() => versionParam(q('from=-1'), 'from')).toThrow(/version number/);
    expect(() => versionParam(q('from=1e3'), 'from')).toThrow(/version number/);
  });
});
