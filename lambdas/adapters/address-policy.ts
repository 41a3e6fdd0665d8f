// Which IP addresses the fetch gate may connect to. A stranger's URL must not
// reach the machine we run on, its cloud metadata service or its private
// network (SSRF), so anything that is not plainly public is refused.
import { isIP } from 'node:net';

export type AddressKind =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'metadata'
  | 'multicast'
  | 'documentation'
  | 'reserved'
  | 'ipv4-mapped'
  | 'tunnel'
  | 'not-an-ip';

const DESCRIPTIONS: Record<AddressKind, string> = {
  public: 'a public address',
  unspecified: 'an unspecified ("this host") address',
  loopback: 'a loopback address',
  private: 'a private-network address',
  shared: 'a carrier-grade NAT (shared) address',
  'link-local': 'a link-local address',
  metadata: 'a cloud metadata service address',
  multicast: 'a multicast or broadcast address',
  documentation: 'a documentation or benchmarking address',
  reserved: 'a reserved address',
  'ipv4-mapped': 'an IPv4-mapped or IPv4-compatible IPv6 address',
  tunnel: 'a tunnel (Teredo) address',
  'not-an-ip': 'not an IP address',
};

export function describeAddressKind(kind: AddressKind): string {
  return DESCRIPTIONS[kind];
}

interface Range {
  prefix: number[];
  bits: number;
  kind: AddressKind;
}

function v4(text: string, bits: number, kind: AddressKind): Range {
  return { prefix: text.split('.').map(Number), bits, kind };
}

function v6(text: string, bits: number, kind: AddressKind): Range {
  const bytes = parseIpv6(text);
  if (!bytes) throw new Error(`bad built-in range ${text}`);
  return { prefix: bytes, bits, kind };
}

// Most specific first: the first match wins.
const IPV4_RANGES: Range[] = [
  v4('169.254.169.254', 32, 'metadata'),
  v4('169.254.170.2', 32, 'metadata'),
  // Azure's wire server and Alibaba's metadata service sit outside the link-local block.
  v4('168.63.129.16', 32, 'metadata'),
  v4('100.100.100.200', 32, 'metadata'),
  v4('0.0.0.0', 8, 'unspecified'),
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'shared'),
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link-local'),
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'reserved'),
  v4('192.0.2.0', 24, 'documentation'),
  v4('192.88.99.0', 24, 'reserved'),
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'documentation'),
  v4('198.51.100.0', 24, 'documentation'),
  v4('203.0.113.0', 24, 'documentation'),
  v4('224.0.0.0', 4, 'multicast'),
  v4('255.255.255.255', 32, 'multicast'),
  v4('240.0.0.0', 4, 'reserved'),
];

const IPV6_RANGES: Range[] = [
  v6('fd00:ec2::254', 128, 'metadata'),
  v6('::', 128, 'unspecified'),
  v6('::1', 128, 'loopback'),
  v6('::ffff:0:0', 96, 'ipv4-mapped'),
  // IPv4-translated (RFC 2765) and the deprecated IPv4-compatible form both smuggle an IPv4 address.
  v6('::ffff:0:0:0', 96, 'ipv4-mapped'),
  v6('::', 96, 'ipv4-mapped'),
  v6('64:ff9b:1::', 48, 'private'),
  v6('100::', 64, 'reserved'),
  v6('2001::', 32, 'tunnel'),
  v6('2001:db8::', 32, 'documentation'),
  v6('3fff::', 20, 'documentation'),
  v6('2001::', 23, 'reserved'),
  v6('fc00::', 7, 'private'),
  v6('fe80::', 10, 'link-local'),
  v6('fec0::', 10, 'private'),
  v6('ff00::', 8, 'multicast'),
];

const NAT64 = v6('64:ff9b::', 96, 'public');
const SIX_TO_FOUR = v6('2002::', 16, 'public');
const GLOBAL_UNICAST = v6('2000::', 3, 'public');

function matches(bytes: number[], range: Range): boolean {
  let bits = range.bits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((range.prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

function parseIpv4(text: string): number[] | null {
  if (isIP(text) !== 4) return null;
  return text.split('.').map(Number);
}

/** 16 bytes, or null. Accepts "::" compression, a trailing dotted quad and a zone ("%eth0"). */
function parseIpv6(input: string): number[] | null {
  const text = input.replace(/%.*$/, '');
  if (isIP(text) !== 6) return null;
  let body = text;
  const tail: number[] = [];
  const lastColon = body.lastIndexOf(':');
  const lastPart = body.slice(lastColon + 1);
  if (lastPart.includes('.')) {
    const quad = parseIpv4(lastPart);
    if (!quad) return null;
    tail.push(...quad);
    body = `${body.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', rest] = body.split('::');
  const toGroups = (part: string): number[] => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const headGroups = toGroups(head);
  const restGroups = rest === undefined ? [] : toGroups(rest);
  const missing = 8 - headGroups.length - restGroups.length;
  const groups = [...headGroups, ...new Array<number>(rest === undefined ? 0 : missing).fill(0), ...restGroups];
  if (groups.length !== 8) return null;
  const bytes = groups.flatMap((g) => [g >> 8, g & 0xff]);
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

function classifyIpv4Bytes(bytes: number[]): AddressKind {
  return IPV4_RANGES.find((range) => matches(bytes, range))?.kind ?? 'public';
}

/** What kind of address this is; only 'public' may be fetched without --allow-private-network. */
export function classifyAddress(address: string): AddressKind {
  const unbracketed = address.replace(/^\[(.*)\]$/, '$1');
  const ipv4 = parseIpv4(unbracketed);
  if (ipv4) return classifyIpv4Bytes(ipv4);
  const ipv6 = parseIpv6(unbracketed);
  if (!ipv6) return 'not-an-ip';
  const special = IPV6_RANGES.find((range) => matches(ipv6, range));
  if (special) return special.kind;
  // NAT64 and 6to4 carry a real IPv4 destination; judge that.
  if (matches(ipv6, NAT64)) return classifyIpv4Bytes(ipv6.slice(12));
  if (matches(ipv6, SIX_TO_FOUR)) return classifyIpv4Bytes(ipv6.slice(2, 6));
  return matches(ipv6, GLOBAL_UNICAST) ? 'public' : 'reserved';
}
