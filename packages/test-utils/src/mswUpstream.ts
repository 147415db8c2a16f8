import type { GatewayHandlersOptions, GatewayScenario, GatewayScenarioName } from '@savedcards/msw';
import { createGatewayDb, createGatewayHandlers } from '@savedcards/msw';
import type { SetupServerApi } from 'msw/node';
import { SANDBOX } from './constants.js';
import { TEST_APP_ID, TEST_ONLY_PUBLIC_KEY_PEM } from './keys.js';
import { recordSignatureChecks } from './signatureStats.js';

/**
 * Mounts the mock gateway on Wonder's sandbox URL of an msw/node server (the tests' shared one),
 * verifying every signature with the test-only public key; returns its state and what it checked.
 * The server's `resetHandlers()` (after each test) takes it off again. With `wireProfile`, the
 * mock serves that profile strictly (issue 17).
 */
export function mockUpstream(
  server: Pick<SetupServerApi, 'use'>,
  scenario?: GatewayScenarioName | GatewayScenario,
  options: Pick<GatewayHandlersOptions, 'wireProfile'> = {},
) {
  const db = createGatewayDb();
  const { checks, stats, onResult } = recordSignatureChecks();
  server.use(
    ...createGatewayHandlers({
      baseUrl: SANDBOX,
      db,
      ...(scenario === undefined ? {} : { scenario }),
      ...(options.wireProfile ? { wireProfile: options.wireProfile } : {}),
      verifySignature: { publicKey: TEST_ONLY_PUBLIC_KEY_PEM, appId: TEST_APP_ID, onResult },
    }),
  );
  return { db, checks, stats };
}
