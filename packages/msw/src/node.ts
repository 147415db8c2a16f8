import { setupServer } from 'msw/node';
import type { SetupServer } from 'msw/node';
import type { GatewayHandlersOptions } from './handlers.js';
import { createGatewayHandlers } from './handlers.js';

export { setupServer };
export type { SetupServer };

/** An msw server (Node: vitest, the signing proxy's upstream) answering as the mock gateway. */
export function createGatewayServer(options: GatewayHandlersOptions): SetupServer {
  return setupServer(...createGatewayHandlers(options));
}

export { createMockBank, MOCK_BANK_PAGE_CSP } from './mockBank.js';
export type { MockBank, MockBankOptions } from './mockBank.js';
