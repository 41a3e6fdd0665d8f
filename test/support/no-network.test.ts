// The unit tier's promise: nothing in it touches the network, loopback included.
import { createServer } from 'node:http';
import { lookup } from 'node:dns/promises';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { NetworkInUnitTierError } from './no-network';

describe('the unit tier', () => {
  it('refuses to listen on a port, even on 127.0.0.1', () => {
    expect(() => createServer().listen(0, '127.0.0.1')).toThrow(NetworkInUnitTierError);
  });

  it('refuses to open a connection or resolve a name, however it is asked', async () => {
    expect(() => connect(8000, '127.0.0.1')).toThrow(NetworkInUnitTierError);
    await expect(async () => lookup('localhost')).rejects.toBeInstanceOf(NetworkInUnitTierError);
    const failed = await fetch('http://127.0.0.1:8000/').catch((error: unknown) => error);
    expect(failed instanceof Error && failed.cause).toBeInstanceOf(NetworkInUnitTierError);
  });
});
