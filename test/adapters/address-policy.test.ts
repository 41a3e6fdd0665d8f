import { describe, expect, it } from 'vitest';
import { classifyAddress, type AddressKind } from '../../lambdas/adapters/address-policy';

const CASES: Array<[string, AddressKind]> = [
  ['93.184.216.34', 'public'],
  ['8.8.8.8', 'public'],
  ['2606:4700:4700::1111', 'public'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['127.0.0.1', 'loopback'],
  ['127.255.0.9', 'loopback'],
  ['10.0.0.1', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'shared'],
  ['100.127.255.254', 'shared'],
  ['169.254.1.1', 'link-local'],
  ['169.254.169.254', 'metadata'],
  ['fd00:ec2::254', 'metadata'],
  ['224.0.0.1', 'multicast'],
  ['255.255.255.255', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.1', 'documentation'],
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['fc00::1', 'private'],
  ['fd12:3456::1', 'private'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['ff02::1', 'multicast'],
  ['::ffff:127.0.0.1', 'ipv4-mapped'],
  ['::ffff:7f00:1', 'ipv4-mapped'],
  ['::ffff:8.8.8.8', 'ipv4-mapped'],
  ['::127.0.0.1', 'ipv4-mapped'],
  ['2001:db8::1', 'documentation'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'tunnel'],
  ['64:ff9b::7f00:1', 'loopback'],
  ['64:ff9b::a9fe:a9fe', 'metadata'],
  ['64:ff9b::808:808', 'public'],
  ['2002:7f00:1::', 'loopback'],
  ['2002:0a00:0001::1', 'private'],
  ['2002:808:808::1', 'public'],
  ['4000::1', 'reserved'],
  ['example.com', 'not-an-ip'],
  ['1.2.3', 'not-an-ip'],
  ['', 'not-an-ip'],
];

describe('classifyAddress', () => {
  it.each(CASES)('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('keeps the neighbours of private blocks public', () => {
    expect(classifyAddress('172.32.0.1')).toBe('public');
    expect(classifyAddress('100.128.0.1')).toBe('public');
    expect(classifyAddress('11.0.0.1')).toBe('public');
    expect(classifyAddress('192.169.0.1')).toBe('public');
  });
});
