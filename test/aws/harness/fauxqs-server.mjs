// fauxqs (SQS + SNS) on 127.0.0.1 only. Its own startFauxqs listens on 0.0.0.0, so this builds the
// same app and listens on loopback itself. Runs under the Node 22 binary (fauxqs needs Node >= 22.5).
// Queue URLs are made from the request's Host (127.0.0.1:<port>), not sqs.<region>.localhost,
// so every SDK, ours and the Lambdas', reaches the queue through the endpoint it was given.
// Prints `FAUXQS_PORT=<port>` once listening; exits when its parent goes (the IPC channel closes).
import { buildApp } from 'fauxqs';
import { SqsStore } from '../../../node_modules/fauxqs/dist/sqs/sqsStore.js';

const sqsStore = new SqsStore();
sqsStore.host = '';
const app = buildApp({ logger: false, defaultRegion: 'us-east-1', stores: { sqsStore } });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : 0;
process.stdout.write(`FAUXQS_PORT=${port}\n`);
process.on('disconnect', () => process.exit(0));
// A parent killed outright leaves the channel open to no one: the watchdog notices the re-parenting.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) process.exit(0);
}, 1000).unref();
