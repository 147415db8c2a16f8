// The demo checkout in server mode: a small node:http server with
//   - the signing proxy (@savedcards/server) mounted at /api/wonder,
//   - a fake session (cookie) that signs the visitor in as the demo customer (GET /api/session),
//   - the 3-D Secure return page (/3ds/return),
//   - with the mock upstream, its simulated bank page and the route it posts Approve or Decline to
//     (createMockBank from @savedcards/msw/node, under /__mock-bank__/),
//   - the checkout built in server mode (examples/checkout/server/dist).
// Upstream: by default the mock gateway (@savedcards/msw) in this process, on Wonder's sandbox URL,
// verifying every signature with a key pair made at startup. With WONDER_APP_ID and
// WONDER_PRIVATE_KEY_FILE set: Wonder's real sandbox.
//
//   node examples/checkout/server/build.mjs && node examples/checkout/server/server.mjs
//
// Environment: PORT (default 8787; 0 = any free port), HOST (default 127.0.0.1), PUBLIC_URL (the
// origin for the 3DS return URLs; default http://HOST:PORT), WONDER_APP_ID + WONDER_PRIVATE_KEY_FILE
// (real sandbox), DEMO_CUSTOMER_REFERENCE (the sandbox customer's reference number),
// SAVEDCARDS_DEMO_TEST_HOOKS=1 (GET /__test__/upstream: the mock's signature counters, for e2e).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// Relative until @savedcards/server is a root devDependency; then `import('@savedcards/server')`.
const SERVER_PACKAGE = pathToFileURL(path.resolve(here, '../../../packages/server/dist/index.js'));
const SANDBOX = 'https://gateway-stg.wonder.today';
const MOCK_APP_ID = 'savedcards-demo-app';
const SESSION_COOKIE = 'demo_session';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
};
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self' https:; object-src 'none'; base-uri 'none'; form-action 'self'",
};

async function importOrExplain(specifier, hint) {
  try {
    return await import(specifier);
  } catch (error) {
    throw new Error(`Could not load ${specifier}: ${error.message}\n${hint}`);
  }
}

/**
 * The mock gateway on the sandbox URL, checking every signature; counts what it saw. Its simulated
 * bank page (3-D Secure) is served by this server at `origin()` and posts the decision back here.
 */
async function startMockUpstream(origin) {
  const hint = 'Build it first: node examples/checkout/server/build.mjs';
  const { createGatewayDb, createGatewayHandlers, DEMO_CUSTOMER } = await importOrExplain(
    '@savedcards/msw',
    hint,
  );
  const { createMockBank, setupServer } = await importOrExplain('@savedcards/msw/node', hint);
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const stats = { verified: 0, rejected: 0, requests: [] };
  const db = createGatewayDb();
  // The bank page and its decision route, served by this server (no service worker here).
  const bank = createMockBank({ db, origin });
  const mock = setupServer(
    ...createGatewayHandlers({
      baseUrl: SANDBOX,
      db,
      challengeUrl: bank.challengeUrl,
      challengeMailbox: null,
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
    }),
  );
  mock.listen({ onUnhandledRequest: 'error' });
  return {
    kind: 'mock',
    description: `the mock gateway at ${SANDBOX}, verifying every signature (AppID ${MOCK_APP_ID}, key pair made at startup)`,
    connection: { appId: MOCK_APP_ID, privateKey, baseUrl: SANDBOX },
    profile: {
      referenceNumber: DEMO_CUSTOMER.referenceNumber,
      name: DEMO_CUSTOMER.name,
      phone: DEMO_CUSTOMER.phone,
      dialCode: DEMO_CUSTOMER.dialCode,
      email: DEMO_CUSTOMER.email,
      companyName: DEMO_CUSTOMER.companyName,
    },
    stats,
    /** Serves the bank page and takes its Approve or Decline (node:http); true when it answered. */
    bank: (req, res) => bank.handleNode(req, res),
    close: () => mock.close(),
  };
}

function sandboxUpstream(env) {
  return {
    kind: 'sandbox',
    description: `Wonder's sandbox (${SANDBOX}), AppID ${env.WONDER_APP_ID}`,
    connection: {
      appId: env.WONDER_APP_ID,
      privateKey: { file: env.WONDER_PRIVATE_KEY_FILE },
      environment: 'sandbox',
    },
    profile: {
      referenceNumber: env.DEMO_CUSTOMER_REFERENCE || 'savedcards-demo-customer-1',
      name: 'Tai Man Chan',
      phone: '91234567',
      dialCode: '+852',
      email: 'taiman.chan@example.com',
    },
    stats: undefined,
    bank: () => false,
    close: () => undefined,
  };
}

function readCookie(header, name) {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
    ...SECURITY_HEADERS,
    ...headers,
  });
  res.end(text);
}

const RETURN_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Card verification finished</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<main>
<h1>Card verification finished</h1>
<p id="outcome">You can close this window and go back to the checkout.</p>
<p><a href="/">Back to the checkout</a></p>
</main>
<script src="/3ds/return.js"></script>
</body>
</html>`;

// Posts the outcome to the page that opened the challenge (popup) or framed it (iframe), on this
// origin only, in the shape @savedcards/core's readThreeDSReturnEvent reads.
const RETURN_SCRIPT = `(() => {
  const ok = new URLSearchParams(location.search).get('ok');
  const outcome = ok === '1' ? 'success' : ok === '0' ? 'failed' : 'unknown';
  document.getElementById('outcome').textContent =
    outcome === 'success' ? 'Your card was verified. You can close this window.'
    : outcome === 'failed' ? 'Your card could not be verified. You can close this window.'
    : 'You can close this window and go back to the checkout.';
  const message = { type: 'savedcards:3ds-return', outcome };
  const targets = [window.opener, window.parent !== window ? window.parent : null].filter(Boolean);
  for (const target of targets) target.postMessage(message, location.origin);
  // A full-page redirect: back to the checkout, which resumes the flow (useAddCard).
  if (targets.length === 0) location.replace('/');
})();`;

/**
 * Starts the demo server. Resolves with `{ url, server, upstream, close }` once it listens.
 * `log(line)` receives every log line (the proxy's JSON lines included). Default: stdout.
 */
export async function startDemoServer({
  env = process.env,
  port = Number(env.PORT ?? 8787),
  host = env.HOST ?? '127.0.0.1',
  dist = path.join(here, 'dist'),
  log = (line) => process.stdout.write(`${line}\n`),
  testHooks = env.SAVEDCARDS_DEMO_TEST_HOOKS === '1',
} = {}) {
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error(
      `${dist}/index.html is missing. Build the checkout in server mode first: node examples/checkout/server/build.mjs`,
    );
  }
  const { createJsonLineLogger, createWonderProxy, toNodeHandler } = await importOrExplain(
    SERVER_PACKAGE.href,
    'Build it first: node examples/checkout/server/build.mjs',
  );
  const useSandbox = Boolean(env.WONDER_APP_ID || env.WONDER_PRIVATE_KEY_FILE);
  if (useSandbox && !(env.WONDER_APP_ID && env.WONDER_PRIVATE_KEY_FILE)) {
    throw new Error('Set both WONDER_APP_ID and WONDER_PRIVATE_KEY_FILE to use the real sandbox.');
  }
  let publicUrl = env.PUBLIC_URL?.replace(/\/+$/, '');
  const upstream = useSandbox ? sandboxUpstream(env) : await startMockUpstream(() => publicUrl);

  /** session id → the customer it is signed in as. */
  const sessions = new Map();
  const proxy = createWonderProxy({
    ...upstream.connection,
    mountPath: '/api/wonder',
    resolveCustomer: (request) =>
      sessions.get(readCookie(request.headers.get('Cookie'), SESSION_COOKIE)) ?? null,
    returnUrls: () => ({
      success: `${publicUrl}/3ds/return?ok=1`,
      fail: `${publicUrl}/3ds/return?ok=0`,
    }),
    logger: createJsonLineLogger((line) => log(line.trimEnd())),
  });

  // The merchant's server knows its customer: upsert it once and keep the uuid (ensureCustomer).
  let customerUuid;
  try {
    customerUuid = await proxy.client.ensureCustomer(upstream.profile);
  } catch (error) {
    upstream.close();
    throw new Error(`Could not set up the demo customer upstream: ${error.message}`);
  }
  if (upstream.stats && upstream.stats.verified === 0) {
    upstream.close();
    throw new Error(
      'The mock gateway did not check the signature: @savedcards/msw/dist is older than verifySignature. Rebuild: node examples/checkout/server/build.mjs',
    );
  }
  const signedInCustomer = {
    uuid: customerUuid,
    referenceNumber: upstream.profile.referenceNumber,
  };

  const handleProxy = toNodeHandler(proxy);

  function serveStatic(req, res, pathname) {
    let file = path.join(dist, path.normalize(decodeURIComponent(pathname)));
    if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) {
      file = path.join(dist, 'index.html');
    }
    const html = file.endsWith('.html');
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': html ? 'no-cache' : 'public, max-age=3600',
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const { pathname } = url;
    if (proxy.handles(pathname)) {
      void handleProxy(req, res);
      return;
    }
    if (pathname === '/api/session' && req.method === 'GET') {
      let id = readCookie(req.headers.cookie, SESSION_COOKIE);
      const headers = {};
      if (!id || !sessions.has(id)) {
        id = randomBytes(18).toString('base64url');
        sessions.set(id, signedInCustomer);
        headers['Set-Cookie'] = `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`;
      }
      sendJson(res, 200, { customerUuid: sessions.get(id).uuid }, headers);
      return;
    }
    if (pathname === '/__test__/upstream' && testHooks && upstream.stats) {
      sendJson(res, 200, upstream.stats);
      return;
    }
    if (upstream.bank(req, res)) return;
    if (pathname === '/3ds/return') {
      res.writeHead(200, { 'Content-Type': TYPES['.html'], ...SECURITY_HEADERS });
      res.end(RETURN_PAGE);
      return;
    }
    if (pathname === '/3ds/return.js') {
      res.writeHead(200, { 'Content-Type': TYPES['.js'], ...SECURITY_HEADERS });
      res.end(RETURN_SCRIPT);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: 'Method not allowed' }, { Allow: 'GET, HEAD' });
      return;
    }
    serveStatic(req, res, pathname);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  publicUrl ??= url;
  log(`savedcards demo (server mode) listening on ${url}`);
  log(`upstream: ${upstream.description}`);
  log(`signed in as customer ${customerUuid} (reference ${upstream.profile.referenceNumber})`);

  const close = async () => {
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeAllConnections();
    await closed;
    upstream.close();
  };
  return { url, server, upstream, close };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const demo = await startDemoServer();
    const stop = () => {
      demo.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
