// The demo checkout in server mode: a small node:http server with
//   - the signing proxy (@savedcards/server) mounted at /api/wonder,
//   - a fake session (cookie) that signs the visitor in as the demo customer (GET /api/session),
//   - the merchant's order book (issue 16): POST /api/orders makes an order from the server's own
//     cart (the browser sends no amount), GET /api/orders/:id reads it (the session's own only),
//   - the kit's pay routes (/api/wonder/savedcards/v1/payments…), charging what the order book says,
//   - Wonder's webhook, POST /api/wonder/webhook: the only thing that marks an order paid, once its
//     signature verifies with Wonder's webhook public key,
//   - the 3-D Secure return page (/3ds/return),
//   - with the mock upstream, its simulated bank page (/mock-3ds/challenge.html) and the route it
//     posts Approve or Decline to (/__mock-bank__/…),
//   - the checkout built in server mode (examples/checkout/server/dist).
// Upstream: by default the mock gateway (@savedcards/msw through @savedcards/test-utils) on a
// loopback port of this process, verifying every signature with the test-only key pair. With
// WONDER_APP_ID and WONDER_PRIVATE_KEY_FILE set: Wonder's real sandbox. The mock sends its webhooks
// to this server's webhook route, signed with the test-only stand-in for Wonder's webhook key.
//
//   node examples/checkout/server/build.mjs && node examples/checkout/server/server.mjs
//
// Environment: PORT (default 8787; 0 = any free port), HOST (default 127.0.0.1), PUBLIC_URL (the
// origin for the 3DS return URLs; default http://HOST:PORT), WONDER_APP_ID + WONDER_PRIVATE_KEY_FILE
// (real sandbox), WONDER_WEBHOOK_PUBLIC_KEY_FILE (with the sandbox: the "Webhook Public Key" PEM from
// Wonder's dashboard; set the webhook URL there to PUBLIC_URL/api/wonder/webhook; without it the
// webhook route answers 503 and no order is ever marked paid), DEMO_CUSTOMER_REFERENCE (the sandbox
// customer's reference number),
// SAVEDCARDS_DEMO_TEST_HOOKS=1 (GET /__test__/upstream: the mock's signature counters, for e2e).
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const SANDBOX = 'https://gateway-stg.wonder.today';
const SESSION_COOKIE = 'demo_session';
/** Where the mock's bank page posts its decision (`{base}/__mock__/3ds/{verify_uuid}`). */
const MOCK_BANK_PATH = '/__mock-bank__';
const MOCK_DECISION = /^\/__mock-bank__\/__mock__\/3ds\/([\w-]{1,64})$/;
/** Wonder posts its webhooks here (checked before the proxy, which mounts /api/wonder). */
const WEBHOOK_PATH = '/api/wonder/webhook';
const ORDER_PATH = /^\/api\/orders\/([\w-]{1,64})$/;
/** The server's own cart: what an order charges. The browser never sends an amount. */
const CART = {
  currency: 'HKD',
  // The checkout page lists the same two lines (examples/checkout/src/gateway.ts CART_PRICES).
  lines: [
    {
      sku: 'oolong-150g',
      name: 'Oolong tea, 150 g',
      quantity: 1,
      unit_amount: '168.00',
      amount: '168.00',
    },
    {
      sku: 'cups-pair',
      name: 'Porcelain tea cup (pair)',
      quantity: 1,
      unit_amount: '220.00',
      amount: '220.00',
    },
  ],
  amount: '388.00',
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
};
// The mock's simulated bank page has its script inline; it gets a policy of its own.
const MOCK_BANK_PAGE_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
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
 * The mock gateway on loopback (startMockUpstream from @savedcards/test-utils), checking every
 * signature with the test-only key pair; counts what it saw. Its simulated bank page (3-D Secure) is
 * served by this server at `origin()` and posts the decision back here.
 */
async function startMockUpstream(origin, listening) {
  const hint = 'Build it first: node examples/checkout/server/build.mjs';
  const {
    CHALLENGE_PAGE_PATH,
    createGatewayWebhooks,
    MOCK_SECURE_DATA_KEY,
    mockChallengeDecisionUrl,
  } = await importOrExplain('@savedcards/msw', hint);
  const testUtils = await importOrExplain('@savedcards/test-utils', hint);
  // The mock's webhooks go to this server's own loopback address, known once it listens; only the
  // path and query are signed, so the placeholder origin is replaced at send time.
  const webhooks = createGatewayWebhooks({
    url: `http://demo-server.invalid${WEBHOOK_PATH}`,
    privateKey: testUtils.TEST_ONLY_WONDER_WEBHOOK_PRIVATE_KEY_PEM,
    appId: testUtils.TEST_WONDER_WEBHOOK_APP_ID,
    retry: { attempts: 4, delayMs: 250 },
    fetch: (_placeholder, init) => fetch(new URL(WEBHOOK_PATH, listening()), init),
  });
  const mock = await testUtils.startMockUpstream({
    webhooks,
    challengeUrl: ({ verifyUuid, successReturnUrl, failReturnUrl }) => {
      const url = new URL(CHALLENGE_PAGE_PATH, origin());
      url.searchParams.set('verify_uuid', verifyUuid);
      url.searchParams.set('base', `${origin()}${MOCK_BANK_PATH}`);
      // A payment's challenge has no return URLs of its own (open_payments sends none): the mock
      // gives its placeholders on an `.invalid` host, and this server's return page stands in.
      const ours = (returnUrl, ok) =>
        new URL(returnUrl).hostname.endsWith('.invalid')
          ? `${origin()}/3ds/return?ok=${ok}`
          : returnUrl;
      url.searchParams.set('success_url', ours(successReturnUrl, 1));
      url.searchParams.set('fail_url', ours(failReturnUrl, 0));
      return url.href;
    },
    challengeMailbox: null,
  });
  const { customer } = mock;
  return {
    kind: 'mock',
    // Experimental secure data (issue 17): the mock opens ciphertext sealed for its TEST key only.
    secureData: { key: MOCK_SECURE_DATA_KEY },
    testSecureDataKey: MOCK_SECURE_DATA_KEY,
    description: `the mock gateway at ${mock.url}, verifying every signature (AppID ${mock.connection.appId}, the test-only key pair)`,
    connection: mock.connection,
    profile: {
      referenceNumber: customer.referenceNumber,
      name: customer.name,
      phone: customer.phone,
      dialCode: customer.dialCode,
      email: customer.email,
      companyName: customer.companyName,
    },
    stats: mock.stats,
    /** Wonder's webhook public key (the test-only stand-in), as the merchant holds it. */
    webhookPublicKey: testUtils.TEST_ONLY_WONDER_WEBHOOK_PUBLIC_KEY_PEM,
    /** The mock's webhook emitter: `await webhooks.idle()` waits for every delivery. */
    webhooks,
    /** The mock's state (tests add cards to it). */
    db: mock.db,
    /**
     * The bank page's Approve or Decline: a pending token's verify uuid is decided on the db; a
     * payment's transaction uuid through the mock's own decision route, which also sends the
     * payment's webhook.
     */
    decide: async (uuid, decision) => {
      if (!mock.db.findTransaction(uuid)) return mock.decide(uuid, decision);
      const answer = await fetch(mockChallengeDecisionUrl(mock.url, uuid), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ decision }),
      });
      const body = await answer.json().catch(() => ({}));
      return answer.ok
        ? { ok: true, token: { state: body.state ?? decision } }
        : { ok: false, error: { message: body.error_message ?? `HTTP ${answer.status}` } };
    },
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
    webhookPublicKey: env.WONDER_WEBHOOK_PUBLIC_KEY_FILE
      ? { file: env.WONDER_WEBHOOK_PUBLIC_KEY_FILE }
      : undefined,
    webhooks: undefined,
    db: undefined,
    decide: undefined,
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
  // A full-page redirect: back to the page the flow (adding a card, or a payment) left, route and
  // query kept, which resumes it (as handleThreeDSReturn() from @savedcards/core does).
  if (targets.length === 0) {
    let back = '/';
    try {
      // Both may be kept (one left behind by an abandoned bank page): the newer one is back.
      const kept = ['savedcards:pending-verification', 'savedcards:pending-payment']
        .map((key) => JSON.parse(sessionStorage.getItem(key)))
        .filter((record) => record && typeof record === 'object')
        .sort((a, b) => (Number(b.savedAt) || 0) - (Number(a.savedAt) || 0))[0]?.returnTo;
      if (typeof kept === 'string' && /^\\/(?![/\\\\])/.test(kept)) back = kept;
    } catch {}
    location.replace(back);
  }
})();`;

/** The mock bank page's `POST {"decision": "approve" | "decline"}` for one verify uuid. */
async function decideMockChallenge(req, res, upstream, verifyUuid) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 1024) return sendJson(res, 413, { error: 'Too large' });
  }
  let decision;
  try {
    decision = JSON.parse(body).decision;
  } catch {
    decision = undefined;
  }
  if (decision !== 'approve' && decision !== 'decline') {
    return sendJson(res, 400, { error: 'decision must be "approve" or "decline".' });
  }
  const result = await upstream.decide(verifyUuid, decision);
  if (!result.ok) return sendJson(res, 404, { error: result.error.message });
  return sendJson(res, 200, { verify_uuid: verifyUuid, state: result.token.state });
}

/**
 * The merchant's orders, in memory: made from `CART`, owned by one session, marked paid only by
 * `applyWebhook` (a verified webhook). What GET /api/orders/:id answers is a copy.
 */
function createOrderBook() {
  /** order id → { session, order } */
  const byId = new Map();
  const byReference = new Map();
  const view = (order) => ({ ...order, lines: order.lines.map((line) => ({ ...line })) });
  return {
    create(session) {
      const id = `ord_${randomBytes(9).toString('base64url')}`;
      const order = {
        id,
        reference_number: `demo-${id}`,
        amount: CART.amount,
        currency: CART.currency,
        lines: CART.lines,
        status: 'unpaid',
        paid_at: null,
        transaction_uuid: null,
      };
      byId.set(id, { session, order });
      byReference.set(order.reference_number, order);
      return view(order);
    },
    /** The session's own order, or `undefined` (someone else's is not found either). */
    get(session, id) {
      const entry = byId.get(id);
      return entry && session && entry.session === session ? view(entry.order) : undefined;
    },
    /**
     * A verified webhook: `order.paid` with the signed order `paid`, our amount and currency and a
     * successful transaction marks the order paid (once). Anything else is logged, not applied.
     */
    applyWebhook(event, logEvent) {
      const order = event.referenceNumber && byReference.get(event.referenceNumber);
      const base = { action: event.action, reference_number: event.referenceNumber };
      if (!order) return logEvent({ level: 'warn', ...base, refused: 'unknown_order' });
      if (event.action !== 'order.paid') return logEvent({ level: 'info', ...base, ignored: true });
      const success = event.transactions.find((t) => t.state === 'success');
      if (
        event.correspondenceState !== 'paid' ||
        !success ||
        event.order.amount !== order.amount ||
        event.order.currency !== order.currency
      ) {
        return logEvent({ level: 'warn', ...base, refused: 'not_paid_as_ordered' });
      }
      if (order.status === 'paid') return logEvent({ level: 'info', ...base, duplicate: true });
      order.status = 'paid';
      order.paid_at = new Date().toISOString();
      order.transaction_uuid = typeof success.uuid === 'string' ? success.uuid : null;
      return logEvent({ level: 'info', ...base, paid: true });
    },
  };
}

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
  const {
    createJsonLineLogger,
    createWonderProxy,
    createWonderWebhookHandler,
    toNodeHandler,
    toWebRequest,
    writeWebResponse,
  } = await importOrExplain(
    '@savedcards/server',
    'Build it first: node examples/checkout/server/build.mjs',
  );
  const useSandbox = Boolean(env.WONDER_APP_ID || env.WONDER_PRIVATE_KEY_FILE);
  if (useSandbox && !(env.WONDER_APP_ID && env.WONDER_PRIVATE_KEY_FILE)) {
    throw new Error('Set both WONDER_APP_ID and WONDER_PRIVATE_KEY_FILE to use the real sandbox.');
  }
  let publicUrl = env.PUBLIC_URL?.replace(/\/+$/, '');
  let listenUrl;
  const upstream = useSandbox
    ? sandboxUpstream(env)
    : await startMockUpstream(
        () => publicUrl,
        () => listenUrl,
      );

  /** session id → the customer it is signed in as. */
  const sessions = new Map();
  const sessionOf = (cookieHeader) => {
    const id = readCookie(cookieHeader, SESSION_COOKIE);
    return id && sessions.has(id) ? id : undefined;
  };
  const orders = createOrderBook();
  // Where a payment's 3-D Secure page may be: Wonder's hosts, and with the mock upstream its bank
  // page on this server's own (http) origin, added once the server listens (development only).
  const redirectHosts = useSandbox ? undefined : ['*.wonder.today'];
  const proxy = createWonderProxy({
    ...upstream.connection,
    mountPath: '/api/wonder',
    resolveCustomer: (request) => sessions.get(sessionOf(request.headers.get('Cookie'))) ?? null,
    // What is charged comes from the order book only: the browser names its order, nothing more.
    resolveOrder: (request, _customer, orderId) => {
      const order = orders.get(sessionOf(request.headers.get('Cookie')), orderId);
      return order
        ? {
            reference_number: order.reference_number,
            amount: order.amount,
            currency: order.currency,
          }
        : null;
    },
    ...(redirectHosts ? { payments: { redirectHosts } } : {}),
    returnUrls: () => ({
      success: `${publicUrl}/3ds/return?ok=1`,
      fail: `${publicUrl}/3ds/return?ok=0`,
    }),
    logger: createJsonLineLogger((line) => log(line.trimEnd())),
    // Experimental (issue 17): the config route and `secure_data` bodies, for `?encryption=secure-data`.
    // Plain `{"card"}` bodies are still accepted, so the demo's default is unchanged.
    secureData: upstream.secureData ?? { environment: 'sandbox' },
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
  const logEvent = (entry) => log(JSON.stringify({ msg: 'demo orders', ...entry }));
  // Wonder's webhook: verified with Wonder's webhook public key, then (only then) the order is paid.
  const handleWebhook = upstream.webhookPublicKey
    ? createWonderWebhookHandler({
        publicKey: upstream.webhookPublicKey,
        onEvent: (event) => orders.applyWebhook(event, logEvent),
        log: (entry) => {
          if (entry.level !== 'info') log(JSON.stringify(entry));
        },
      })
    : undefined;
  async function serveWebhook(req, res) {
    if (!handleWebhook) {
      log(JSON.stringify({ msg: 'wonder webhook', level: 'warn', status: 503, reason: 'no_key' }));
      return sendJson(res, 503, {
        error: 'Set WONDER_WEBHOOK_PUBLIC_KEY_FILE to receive webhooks.',
      });
    }
    await writeWebResponse(res, await handleWebhook(toWebRequest(req)));
  }

  /** POST /api/orders and GET /api/orders/:id, for the signed-in session only. */
  function serveOrders(req, res, pathname) {
    const session = sessionOf(req.headers.cookie);
    if (!session) return sendJson(res, 401, { error: 'Sign in first (GET /api/session).' });
    if (pathname === '/api/orders') {
      if (req.method !== 'POST') {
        return sendJson(res, 405, { error: 'Method not allowed' }, { Allow: 'POST' });
      }
      // The same CSRF marker the proxy asks for; the body (if any) is never read.
      if (req.headers['x-requested-with'] !== 'savedcards') {
        return sendJson(res, 403, { error: 'Missing X-Requested-With: savedcards.' });
      }
      req.resume();
      return sendJson(res, 201, orders.create(session));
    }
    const id = ORDER_PATH.exec(pathname)?.[1];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, { error: 'Method not allowed' }, { Allow: 'GET' });
    }
    const order = id && orders.get(session, id);
    if (!order) return sendJson(res, 404, { error: 'No such order.' });
    return sendJson(res, 200, order);
  }

  function serveStatic(req, res, pathname) {
    let file = path.join(dist, path.normalize(decodeURIComponent(pathname)));
    if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) {
      file = path.join(dist, 'index.html');
    }
    const html = file.endsWith('.html');
    const bankPage = upstream.decide && pathname === '/mock-3ds/challenge.html';
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': html ? 'no-cache' : 'public, max-age=3600',
      ...SECURITY_HEADERS,
      ...(bankPage ? { 'Content-Security-Policy': MOCK_BANK_PAGE_CSP } : {}),
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const { pathname } = url;
    if (pathname === WEBHOOK_PATH) {
      serveWebhook(req, res).catch(() => {
        if (!res.headersSent) sendJson(res, 500, { error: 'webhook failed' });
      });
      return;
    }
    if (pathname === '/api/orders' || ORDER_PATH.test(pathname)) {
      serveOrders(req, res, pathname);
      return;
    }
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
      // With the mock upstream, the key the browser may seal for besides Wonder's (demo only: a real
      // page pins Wonder's keys and never takes one from its server).
      const testKey = upstream.testSecureDataKey;
      sendJson(
        res,
        200,
        { customerUuid: sessions.get(id).uuid, ...(testKey ? { testSecureDataKey: testKey } : {}) },
        headers,
      );
      return;
    }
    if (pathname === '/__test__/upstream' && testHooks && upstream.stats) {
      // The mock's signature counters, and its payment ledger (what was charged, per order).
      sendJson(res, 200, { ...upstream.stats, transactions: upstream.db?.transactions() ?? [] });
      return;
    }
    const decision = upstream.decide && MOCK_DECISION.exec(pathname);
    if (decision && req.method === 'POST') {
      void decideMockChallenge(req, res, upstream, decision[1]);
      return;
    }
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
  listenUrl = url;
  publicUrl ??= url;
  redirectHosts?.push(new URL(publicUrl).origin);
  log(`savedcards demo (server mode) listening on ${url}`);
  log(`upstream: ${upstream.description}`);
  log(`signed in as customer ${customerUuid} (reference ${upstream.profile.referenceNumber})`);

  const close = async () => {
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeAllConnections();
    await closed;
    await upstream.close();
  };
  return { url, server, upstream, orders, close };
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
