// The mock Wonder Gateway as a tiny node:http server: the upstream of the Next app's signing proxy
// (app/api/wonder/[...path]/route.ts), in place of https://gateway-stg.wonder.today.
//
// It is the same mock examples/checkout/server/server.mjs uses (@savedcards/msw, stateful, verifying
// every Wonder-RSA-SHA256 signature against a key pair made at startup), but served over HTTP from
// its own process instead of msw/node's setupServer inside the app: msw's `getResponse` answers each
// request from the handlers, so nothing patches the global `fetch` of the Next server (Next patches it
// too) and the Next process needs no test code at all. The Next server gets
// WONDER_BASE_URL / WONDER_APP_ID / WONDER_PRIVATE_KEY (see `env`), exactly what it would get for
// Wonder's sandbox.
//
//   node mock-upstream.mjs      # prints the environment for `next dev` / `next start`
//
// GET /__test__/upstream answers the signature counters (for the e2e test).
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createGatewayDb, createGatewayHandlers, DEMO_CUSTOMER } from '@savedcards/msw';
import { getResponse } from 'msw';

export const MOCK_APP_ID = 'savedcards-next-demo-app';

/**
 * Starts the mock gateway on `host:port` (0 = any free port). Resolves with `{ url, db, stats, env,
 * close }`: `env` holds the variables the Next server needs to sign for it.
 */
export async function startMockUpstream({ port = 0, host = '127.0.0.1' } = {}) {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const stats = { verified: 0, rejected: 0, requests: [] };
  const db = createGatewayDb();
  let handlers = [];

  const server = createServer(async (req, res) => {
    try {
      if (req.url === '/__test__/upstream') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(stats));
        return;
      }
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers.set(name, value);
        else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      }
      const request = new Request(new URL(req.url ?? '/', url), {
        method: req.method,
        headers,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
      });
      const response = await getResponse(handlers, request);
      if (!response) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ code: 404, message: `mock gateway: no route ${req.url}` }));
        return;
      }
      const payload = Buffer.from(await response.arrayBuffer());
      const out = Object.fromEntries(response.headers);
      delete out['content-length'];
      delete out['content-encoding'];
      res.writeHead(response.status, { ...out, 'Content-Length': payload.length });
      res.end(payload);
    } catch (error) {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 500, message: `mock gateway: ${error.message}` }));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const url = `http://${host}:${server.address().port}`;
  handlers = createGatewayHandlers({
    baseUrl: url,
    db,
    verifySignature: {
      publicKey,
      appId: MOCK_APP_ID,
      onResult(result) {
        if (result.ok) stats.verified += 1;
        else stats.rejected += 1;
        stats.requests.push({
          method: result.method,
          uri: result.uri,
          ok: result.ok,
          ...(result.reason ? { reason: result.reason } : {}),
        });
      },
    },
  });

  return {
    url,
    db,
    stats,
    customer: DEMO_CUSTOMER,
    env: {
      WONDER_BASE_URL: url,
      WONDER_APP_ID: MOCK_APP_ID,
      WONDER_PRIVATE_KEY: privateKey,
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const mock = await startMockUpstream({ port: Number(process.env.MOCK_PORT ?? 0) });
  console.log(`mock Wonder Gateway on ${mock.url} (AppID ${MOCK_APP_ID}, checking signatures)`);
  console.log(`export WONDER_BASE_URL=${mock.url} WONDER_APP_ID=${MOCK_APP_ID}`);
  console.log(
    `export WONDER_PRIVATE_KEY='${mock.env.WONDER_PRIVATE_KEY.trim().replace(/\n/g, '\\n')}'`,
  );
}
