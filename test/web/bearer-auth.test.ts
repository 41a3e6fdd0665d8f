import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearerToken, bearerTokenMatches } from '../../lambdas/web/bearer-auth';

const hash = createHash('sha256').update('s3cret').digest('hex');

describe('bearer token check', () => {
  it('accepts the token whose sha256 is configured, in any case of the scheme name', () => {
    expect(bearerTokenMatches('Bearer s3cret', hash)).toBe(true);
    expect(bearerTokenMatches('bearer s3cret', hash)).toBe(true);
    expect(bearerTokenMatches('Bearer s3cret', hash.toUpperCase())).toBe(true);
  });

  it('refuses a wrong, missing or differently-schemed token, and a malformed configured hash', () => {
    expect(bearerTokenMatches('Bearer s3cret!', hash)).toBe(false);
    expect(bearerTokenMatches(undefined, hash)).toBe(false);
    expect(bearerTokenMatches('Basic czNjcmV0', hash)).toBe(false);
    expect(bearerTokenMatches(`Bearer ${hash}`, hash)).toBe(false);
    expect(bearerTokenMatches('Bearer s3cret', 'not-a-hash')).toBe(false);
  });

  it('reads only a single token after the scheme', () => {
    expect(bearerToken('Bearer a b')).toBeNull();
    expect(bearerToken('Bearer   tok ')).toBe('tok');
  });
});
