// The fetch gate as the fetch tests build it: a test User-Agent, generous limits, loopback allowed.
import type { HttpFetcherOptions } from '../../lambdas/adapters/http-fetcher';

export const TEST_FETCHER_OPTIONS: Readonly<HttpFetcherOptions> = {
  userAgent: 'TestMonitor/1.0 (+https://example.org/bot)',
  timeoutMs: 5000,
  maxBytes: 1024 * 1024,
  maxRedirects: 5,
  allowPrivateNetwork: true,
};
