/**
 * The server tests' helpers now live in @savedcards/test-utils (one implementation for the unit
 * tests, the examples, the bench and the e2e scripts). This file keeps the names the tests import
 * from it; new tests import @savedcards/test-utils directly.
 */
import { mockUpstream as mockUpstreamOn } from '@savedcards/test-utils';
import { server } from '../../../test/server.js';

export {
  DEMO_REFERENCE,
  DEMO_UUID,
  OPENAPI,
  OTHER_UUID,
  RETURN_URLS,
  SANDBOX,
  SHOP,
  TEST_PANS,
} from '@savedcards/test-utils';
/** @public Kept for the server tests that may import them. */
export type { BrowserRequestInit, EnvelopeA } from '@savedcards/test-utils/proxy';
export { browserRequest, readJson, recordingFetch, testProxy } from '@savedcards/test-utils/proxy';

/** Mounts the mock gateway on the sandbox URL of the tests' msw server, checking every signature. */
export function mockUpstream(
  scenario?: Parameters<typeof mockUpstreamOn>[1],
  options?: Parameters<typeof mockUpstreamOn>[2],
) {
  return mockUpstreamOn(server, scenario, options);
}
