// Idle keep-alive connections the fetch gate may use again, so a check does not
// pay a TCP (and TLS) handshake and a teardown every time. A connection is
// keyed by the origin and the address it was dialled to, and handed out only
// for a request whose freshly checked address is that same address: a later
// DNS answer (rebinding) gets a connection of its own and cannot ride on one
// the gate approved for another address.
import type { Client } from 'undici';

export interface KeptConnectionsOptions {
  /**
   * An unused connection is not used again after this long. The Client closes its socket then too
   * (its keepAliveTimeout, set by `open`), so a long-lived process never piles up sockets.
   */
  idleMs: number;
  /** Idle connections held at once; past it the least recently used is closed. */
  maxIdle: number;
  /** A new connection to `origin`, dialled to `address` only. */
  open(origin: string, address: string): Client;
}

/** One request's hold on a connection: given back when its response was read to the end, dropped otherwise. */
export interface Lease {
  client: Client;
  /** It had served a response before, so a failure may only mean the server let it go while it was idle. */
  reused: boolean;
  release(): void;
  discard(): void;
}

interface Idle {
  key: string;
  since: number;
}

export class KeptConnections {
  /** In insertion order, which is least recently used first. */
  private readonly idle = new Map<Client, Idle>();
  private readonly idleByKey = new Map<string, Client[]>();
  private readonly leased = new Set<Client>();
  private closed = false;

  constructor(private readonly options: KeptConnectionsOptions) {}

  /** `fresh` skips the kept ones: after one turned out dropped, its siblings likely were too. */
  lease(origin: string, address: string, fresh = false): Lease {
    const key = `${origin} ${address}`;
    const kept = fresh ? undefined : this.takeIdle(key);
    const client = kept ?? this.options.open(origin, address);
    this.leased.add(client);
    let settled = false;
    const settle = (keep: boolean): void => {
      if (settled) return;
      settled = true;
      this.leased.delete(client);
      if (keep && !this.closed) this.putIdle(key, client);
      else void drop(client);
    };
    return { client, reused: kept !== undefined, release: () => settle(true), discard: () => settle(false) };
  }

  /** Every connection, idle or in use, is closed; later leases still work but keep nothing. */
  async close(): Promise<void> {
    this.closed = true;
    const clients = [...this.idle.keys(), ...this.leased];
    this.idle.clear();
    this.idleByKey.clear();
    this.leased.clear();
    await Promise.all(clients.map(drop));
  }

  private takeIdle(key: string): Client | undefined {
    const clients = this.idleByKey.get(key);
    for (let client = clients?.pop(); client !== undefined; client = clients?.pop()) {
      const idle = this.idle.get(client);
      this.forget(client);
      // Timers stop while a Lambda container is frozen, so the clock decides, not the socket's idle timer.
      if (idle && Date.now() - idle.since < this.options.idleMs && !client.closed && !client.destroyed) return client;
      void drop(client);
    }
    return undefined;
  }

  private putIdle(key: string, client: Client): void {
    this.idle.set(client, { key, since: Date.now() });
    const clients = this.idleByKey.get(key);
    if (clients) clients.push(client);
    else this.idleByKey.set(key, [client]);
    for (const oldest of this.idle.keys()) {
      if (this.idle.size <= this.options.maxIdle) break;
      this.expire(oldest);
    }
  }

  private expire(client: Client): void {
    this.forget(client);
    void drop(client);
  }

  private forget(client: Client): void {
    const idle = this.idle.get(client);
    if (!idle) return;
    this.idle.delete(client);
    const clients = this.idleByKey.get(idle.key);
    const at = clients?.indexOf(client) ?? -1;
    if (clients && at >= 0) clients.splice(at, 1);
    if (clients?.length === 0) this.idleByKey.delete(idle.key);
  }
}

/** Closing is best effort: a connection that fails as it is torn down has nothing left to report. */
function drop(client: Client): Promise<void> {
  return client.destroy().catch(() => {});
}
