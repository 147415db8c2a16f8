import { createGatewayDb, createGatewayHandlers } from '@savedcards/msw';
import { setupServer } from '@savedcards/msw/node';

/** Where the mock gateway is mounted in unit tests (jsdom's origin + the demo proxy prefix). */
export const TEST_BASE_URL = 'http://localhost:3000/api/wonder';

/** One stateful mock gateway for every unit test; `test/setup.ts` resets it after each test. */
export const db = createGatewayDb();
export const server = setupServer(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db }));
