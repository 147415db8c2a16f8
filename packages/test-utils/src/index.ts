/**
 * @savedcards/test-utils: the project's test helpers, in one private package (never published;
 * nothing published may import it). For unit tests (msw/node), the examples' mock mode, the bench
 * and the e2e scripts. The proxy helpers (which load @savedcards/server) are in `./proxy`.
 */
export {
  CHALLENGE_PAN,
  DEMO_REFERENCE,
  DEMO_UUID,
  OPENAPI,
  OTHER_UUID,
  RETURN_URLS,
  SANDBOX,
  SHOP,
  TEST_PANS,
} from './constants.js';
export { startMockUpstream, UPSTREAM_STATS_PATH } from './httpUpstream.js';
export type { MockUpstreamServer, MockUpstreamServerOptions } from './httpUpstream.js';
export {
  TEST_APP_ID,
  TEST_ONLY_PRIVATE_KEY_FILE,
  TEST_ONLY_PRIVATE_KEY_PEM,
  TEST_ONLY_PUBLIC_KEY_FILE,
  TEST_ONLY_PUBLIC_KEY_PEM,
  TEST_ONLY_WONDER_WEBHOOK_PRIVATE_KEY_FILE,
  TEST_ONLY_WONDER_WEBHOOK_PRIVATE_KEY_PEM,
  TEST_ONLY_WONDER_WEBHOOK_PUBLIC_KEY_FILE,
  TEST_ONLY_WONDER_WEBHOOK_PUBLIC_KEY_PEM,
  TEST_WONDER_WEBHOOK_APP_ID,
} from './keys.js';
export { mockUpstream } from './mswUpstream.js';
export { recordSignatureChecks } from './signatureStats.js';
export type { SignatureStats } from './signatureStats.js';
