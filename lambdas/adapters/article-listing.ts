// How a listing of watched articles pages, whichever store answers it: shard by
// shard of the 'articles' index, in URL order within a shard, with a cursor that
// names the shard and the last URL read, and a bound on what one page reads.
import { InvalidInputError } from '../errors';
import { SHARD_COUNT } from './table-schema';

/** Articles one listing page may read before it returns what it has, with a cursor to go on. */
export const MAX_LISTED_EXAMINED = 1000;

/** Where a listing goes on: the shard of the 'articles' index and the last URL read in it. */
export function encodeListCursor(shard: number, afterUrl: string | null): string {
  return Buffer.from(JSON.stringify([shard, afterUrl]), 'utf8').toString('base64url');
}

export function decodeListCursor(cursor: string): { shard: number; afterUrl: string | null } {
  const refuse = (): never => {
    throw new InvalidInputError(`not a listing cursor: ${JSON.stringify(cursor.slice(0, 60))} (use the "next" value of the previous page)`);
  };
  if (cursor.length > 3000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return refuse();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return refuse();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return refuse();
  const [shard, afterUrl] = parsed as unknown[];
  if (typeof shard !== 'number' || !Number.isInteger(shard) || shard < 0 || shard >= SHARD_COUNT) return refuse();
  if (afterUrl !== null && typeof afterUrl !== 'string') return refuse();
  return { shard, afterUrl: afterUrl as string | null };
}
