// The mock Wonder Gateway as a tiny node:http server: the upstream of the Next app's signing proxy
// (app/api/wonder/[...path]/route.ts), in place of https://gateway-stg.wonder.today.
//
// It is startMockUpstream from @savedcards/test-utils, the one the demo server, the bench and the
// e2e scripts use: the @savedcards/msw handlers (stateful), verifying every Wonder-RSA-SHA256
// signature with the test-only key pair, served over HTTP from its own process instead of
// msw/node's setupServer inside the app: msw's `getResponse` answers each request from the
// handlers, so nothing patches the global `fetch` of the Next server (Next patches it too) and the
// Next process needs no test code at all. The Next server gets WONDER_BASE_URL / WONDER_APP_ID /
// WONDER_PRIVATE_KEY (see `env`), exactly what it would get for Wonder's sandbox.
//
//   node mock-upstream.mjs      # prints the environment for `next dev` / `next start`
//
// GET /__test__/upstream answers the signature counters (for the e2e test).
import { pathToFileURL } from 'node:url';
import { startMockUpstream } from '@savedcards/test-utils';

export { startMockUpstream };

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const mock = await startMockUpstream({ port: Number(process.env.MOCK_PORT ?? 0) });
  const { WONDER_APP_ID, WONDER_PRIVATE_KEY } = mock.env;
  console.log(`mock Wonder Gateway on ${mock.url} (AppID ${WONDER_APP_ID}, checking signatures)`);
  console.log(`export WONDER_BASE_URL=${mock.url} WONDER_APP_ID=${WONDER_APP_ID}`);
  console.log(`export WONDER_PRIVATE_KEY='${WONDER_PRIVATE_KEY.trim().replace(/\n/g, '\\n')}'`);
}
