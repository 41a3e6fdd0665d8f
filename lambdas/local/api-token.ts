// The bearer token for POST /api/watch in local mode: MONITOR_API_TOKEN if
// set, else a random one kept in the data folder (readable by its owner only).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function localApiToken(dataDir: string): { token: string; sha256: string; file: string | null } {
  const fromEnv = process.env.MONITOR_API_TOKEN;
  if (fromEnv) return { token: fromEnv, sha256: sha256(fromEnv), file: null };
  const file = join(dataDir, 'api-token');
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  const token = readFileSync(file, 'utf8').trim();
  return { token, sha256: sha256(token), file };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
