// test/setup.ts without the DOM parts: the mock gateway in msw/node for core's and server's tests.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { db, server } from '../server';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  db.reset();
});
afterAll(() => server.close());
