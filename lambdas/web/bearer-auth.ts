// Bearer-token check for the write API. Only the token's sha256 is configured,
// and the comparison takes the same time whatever the token, so neither a
// leaked config nor response timing gives the token away.
import { createHash, timingSafeEqual } from 'node:crypto';

const SHA256_HEX = /^[0-9a-f]{64}$/i;

export function isValidTokenHash(hash: string): boolean {
  return SHA256_HEX.test(hash);
}

/** The token from "Authorization: Bearer <token>", or null when the header is absent or another scheme. */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

/** True when the header carries a token whose sha256 is `expectedSha256Hex`. */
export function bearerTokenMatches(authorization: string | undefined, expectedSha256Hex: string): boolean {
  return tokenMatches(bearerToken(authorization), expectedSha256Hex);
}

/** True when `token` (from a header or the pages' cookie) has the sha256 `expectedSha256Hex`. */
export function tokenMatches(token: string | null, expectedSha256Hex: string): boolean {
  if (token === null || !isValidTokenHash(expectedSha256Hex)) return false;
  const actual = createHash('sha256').update(token, 'utf8').digest();
  const expected = Buffer.from(expectedSha256Hex, 'hex');
  return timingSafeEqual(actual, expected);
}
