// What the terminal is shown: nothing a stranger's server sends may drive it,
// and a reader that goes away (`| head`) ends the command quietly.
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../lambdas/cli/main';
import { freshTable } from '../support/dynamo';
import { sampleArticle, startNewsroom, type Newsroom } from '../support/newsroom';

let newsroom: Newsroom;
let common: string[];

beforeAll(async () => {
  newsroom = await startNewsroom();
  const { endpoint, tableName } = await freshTable();
  common = ['--endpoint', endpoint, '--table', tableName, '--allow-private-network'];
});

afterAll(async () => {
  await newsroom.close();
});

async function monitor(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), isTty: false };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Terminal controls: C0 (ESC and friends) and C1 (CSI is U+009B), and the bidi overrides that reorder a line. */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminal output', () => {
  it("keeps control characters from a server's headers off the terminal", async () => {
    // node:http will not send such a header; a raw socket will, as a hostile server does.
    const server = createServer((socket) => {
      socket.on('error', () => {});
      socket.once('data', (request) => {
        const robots = request.toString('latin1').startsWith('GET /robots.txt');
        socket.end(
          Buffer.from(
            robots
              ? 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'
              : 'HTTP/1.1 200 OK\r\nContent-Type: image/\x9b2J\x9b31mred\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi',
            'latin1',
          ),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/story`;
      const result = await monitor('watch', url, ...common);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/^monitor: /);
      expect(result.err).not.toMatch(TERMINAL_CONTROL);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('`monitor history URL | head`: a closed pipe ends the command quietly, with no EPIPE stack', async () => {
    newsroom.publish('/cli/piped', sampleArticle());
    const url = newsroom.url('/cli/piped');
    expect((await monitor('watch', url, ...common)).code).toBe(0);
    const child = spawn(process.execPath, ['bin/monitor.mjs', 'history', url, ...common], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader is gone before the command writes a line.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    expect(stderr).not.toMatch(/EPIPE|Error:|\n\s+at /);
    expect(code).toBe(0);
  });
});
