// One process of the proxy load bench, by role (argv[2]):
// - `upstream`: a trivial gateway (node:http) answering every request with one canned token list;
// - `ours`: createWonderProxy + toNodeHandler in front of it;
// - `baseline`: the floor, a minimal node:http signing proxy (session cookie → customer, sign with
//   node:crypto exactly as Wonder-RSA-SHA256 wants, forward over a keep-alive agent, one log line).
// Each prints `listening <url>` and answers the parent's 'cpu' message with process.cpuUsage().
import { createHmac, createPrivateKey, randomBytes, sign } from 'node:crypto';
import http from 'node:http';
import { TEST_APP_ID, TEST_ONLY_PRIVATE_KEY_PEM } from '@savedcards/test-utils';

const [role, upstreamUrl] = process.argv.slice(2);
const CUSTOMER = { uuid: '00000000-0000-4000-8000-000000000001', referenceNumber: 'bench-1' };
const SESSION = 'sid=bench';

function listen(server) {
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`listening http://127.0.0.1:${server.address().port}\n`);
  });
  process.on('message', (message) => {
    if (message === 'cpu') process.send({ cpu: process.cpuUsage() });
  });
}

if (role === 'upstream') {
  const token = (i) => ({
    token: `bench-${i}`,
    token_type: 'card',
    state: 'success',
    credit_card: {
      number: `424242******${String(4242 + i)}`,
      exp_month: '04',
      exp_year: '2031',
      brand: 'visa',
    },
  });
  const body = JSON.stringify({
    code: 0,
    message: 'success',
    data: { payment_tokens: Array.from({ length: 5 }, (_, i) => token(i)) },
  });
  listen(
    http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        });
        res.end(body);
      });
    }),
  );
} else if (role === 'ours') {
  const { createJsonLineLogger, createWonderProxy, toNodeHandler } = await import(
    '@savedcards/server'
  );
  const sink = [];
  const proxy = createWonderProxy({
    appId: TEST_APP_ID,
    privateKey: TEST_ONLY_PRIVATE_KEY_PEM,
    baseUrl: upstreamUrl,
    mountPath: '/api/wonder',
    resolveCustomer: (request) =>
      (request.headers.get('Cookie') ?? '').includes(SESSION) ? CUSTOMER : null,
    returnUrls: { success: 'http://127.0.0.1/ok', fail: 'http://127.0.0.1/fail' },
    logger: createJsonLineLogger((line) => {
      sink[0] = line; // built like a real log line, then dropped
    }),
  });
  listen(http.createServer(toNodeHandler(proxy)));
} else if (role === 'baseline') {
  const key = createPrivateKey(TEST_ONLY_PRIVATE_KEY_PEM);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(upstreamUrl);
  const sink = [];
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const hmac = (k, m) => createHmac('sha256', k).update(m, 'utf8').digest();
  const time = () => new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  listen(
    http.createServer((req, res) => {
      const started = performance.now();
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        if (!(req.headers.cookie ?? '').includes(SESSION)) {
          res.writeHead(401).end();
          return;
        }
        const uri = req.url.replace(/^\/api\/wonder/, '');
        const body = Buffer.concat(chunks).toString('utf8');
        let nonce = '';
        for (const b of randomBytes(16)) nonce += alphabet[b % 62];
        const requestTime = time();
        const preSign = `${req.method}\n${uri}\n${body}`;
        const k2 = hmac(hmac(nonce, requestTime), 'Wonder-RSA-SHA256');
        const message = createHmac('sha256', k2).update(preSign, 'utf8').digest('hex');
        const upstream = http.request(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: uri,
            agent,
            headers: {
              'Content-Type': 'application/json',
              Credential: `${TEST_APP_ID}/${requestTime}/Wonder-RSA-SHA256`,
              Nonce: nonce,
              Signature: sign('sha256', Buffer.from(message), key).toString('base64'),
            },
          },
          (answer) => {
            const parts = [];
            answer.on('data', (c) => parts.push(c));
            answer.on('end', () => {
              const text = Buffer.concat(parts);
              res.writeHead(answer.statusCode, {
                'Content-Type': 'application/json',
                'Content-Length': text.byteLength,
              });
              res.end(text);
              sink[0] = JSON.stringify({
                method: req.method,
                uri,
                status: answer.statusCode,
                ms: Math.round(performance.now() - started),
              });
            });
          },
        );
        upstream.on('error', () => res.writeHead(502).end());
        upstream.end(body);
      });
    }),
  );
} else {
  throw new Error(`unknown role ${role}`);
}
