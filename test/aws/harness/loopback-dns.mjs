// RFC 6761 reserves *.localhost for the loopback address, and resolvers such as systemd-resolved answer
// it so; this machine's glibc does not. Preloaded (node --import) into the emulated Lambda containers,
// it answers *.localhost with 127.0.0.1 so the corpus can be served under several host names, each a
// separate host to the fetcher's politeness and address gate. Every other name goes to the real resolver.
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';

const LOOPBACK = { address: '127.0.0.1', family: 4 };
const isLocalhostName = (name) => typeof name === 'string' && (name === 'localhost' || name.endsWith('.localhost'));

const lookup = dns.lookup;
dns.lookup = function loopbackLookup(name, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  const all = typeof options === 'object' && options !== null && options.all === true;
  if (!isLocalhostName(name)) return lookup.call(dns, name, options, callback);
  process.nextTick(() => (all ? done(null, [LOOPBACK]) : done(null, LOOPBACK.address, LOOPBACK.family)));
  return {};
};

const lookupPromise = dns.promises.lookup;
dns.promises.lookup = async function loopbackLookupPromise(name, options) {
  if (!isLocalhostName(name)) return lookupPromise.call(dns.promises, name, options);
  const all = typeof options === 'object' && options !== null && options.all === true;
  return all ? [LOOPBACK] : LOOPBACK;
};
// `import { lookup } from 'node:dns/promises'` in the bundle binds to the module's exports: refresh them.
syncBuiltinESMExports();
