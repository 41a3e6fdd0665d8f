// Set up for every file of the unit tier: no network at all, loopback included. A test
// that opens a connection, listens on a port or resolves a name fails at once, saying
// where it belongs, instead of quietly depending on what the machine happens to run.
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

export class NetworkInUnitTierError extends Error {
  constructor(what: string) {
    super(`${what}: the unit tier runs with no network, loopback included; list this test file under INTEGRATION in vitest.config.ts`);
    this.name = 'NetworkInUnitTierError';
  }
}

function refuse(what: string): () => never {
  return () => {
    throw new NetworkInUnitTierError(what);
  };
}

net.Socket.prototype.connect = refuse('opening a connection');
net.Server.prototype.listen = refuse('listening on a port');
dns.lookup = refuse('resolving a host name') as unknown as typeof dns.lookup;
dns.promises.lookup = refuse('resolving a host name');
// So that `import { lookup } from 'node:dns'` in modules loaded later sees the guard too.
syncBuiltinESMExports();
