import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChallengeDecision, GatewayDb, GatewayHandlersOptions } from '@savedcards/msw';
import {
  createGatewayDb,
  createGatewayHandlers,
  DEMO_CUSTOMER,
  decideChallenge,
} from '@savedcards/msw';
import { getResponse, type RequestHandler } from 'msw';
import { TEST_APP_ID, TEST_ONLY_PRIVATE_KEY_PEM, TEST_ONLY_PUBLIC_KEY_PEM } from './keys.js';
import { recordSignatureChecks } from './signatureStats.js';

/** Where the mock answers its signature counters (for the e2e scripts). */
export const UPSTREAM_STATS_PATH = '/__test__/upstream';

export interface MockUpstreamServerOptions
  extends Pick<
    GatewayHandlersOptions,
    'scenario' | 'challengeUrl' | 'challengeMailbox' | 'webhooks' | 'wireProfile'
  > {
  /** Default 0: any free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default: a fresh `createGatewayDb()` (the demo customer and its cards). */
  db?: GatewayDb;
  /** The AppID every request must be signed for. Default the test-only one. */
  appId?: string;
}

/**
 * The mock Wonder Gateway as a node:http server on loopback, in place of
 * https://gateway-stg.wonder.today: the same @savedcards/msw handlers, answered through msw's
 * `getResponse` (nothing patches the process's `fetch`), verifying every Wonder-RSA-SHA256
 * signature with the test-only key pair. `env` and `connection` hold what a signing proxy needs to
 * sign for it. `GET /__test__/upstream` answers the signature counters.
 */
export async function startMockUpstream(options: MockUpstreamServerOptions = {}) {
  const { port = 0, host = '127.0.0.1', appId = TEST_APP_ID } = options;
  const db = options.db ?? createGatewayDb();
  const { checks, stats, onResult } = recordSignatureChecks();
  let handlers: RequestHandler[] = [];
  let url = '';

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.url === UPSTREAM_STATS_PATH) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(stats));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && chunks.length > 0;
    const request = new Request(new URL(req.url ?? '/', url), {
      method: req.method ?? 'GET',
      headers,
      ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
    });
    const response = await getResponse(handlers, request);
    if (!response) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 404, message: `mock gateway: no route ${req.url}` }));
      return;
    }
    if (response.type === 'error') {
      // `HttpResponse.error()` (the mock's lost answer): no answer at all, as on a dropped line.
      req.socket.destroy();
      return;
    }
    const payload = Buffer.from(await response.arrayBuffer());
    const out = Object.fromEntries(response.headers);
    delete out['content-length'];
    delete out['content-encoding'];
    res.writeHead(response.status, { ...out, 'Content-Length': payload.length });
    res.end(payload);
  }

  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 500, message: `mock gateway: ${String(error)}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  handlers = createGatewayHandlers({
    baseUrl: url,
    db,
    ...(options.scenario === undefined ? {} : { scenario: options.scenario }),
    ...(options.challengeUrl === undefined ? {} : { challengeUrl: options.challengeUrl }),
    ...(options.challengeMailbox === undefined
      ? {}
      : { challengeMailbox: options.challengeMailbox }),
    ...(options.webhooks === undefined ? {} : { webhooks: options.webhooks }),
    ...(options.wireProfile === undefined ? {} : { wireProfile: options.wireProfile }),
    verifySignature: { publicKey: TEST_ONLY_PUBLIC_KEY_PEM, appId, onResult },
  });

  return {
    url,
    db,
    stats,
    checks,
    customer: DEMO_CUSTOMER,
    /** What a proxy signs with for this mock (`createWonderProxy({ ...connection })`). */
    connection: { appId, privateKey: TEST_ONLY_PRIVATE_KEY_PEM, baseUrl: url },
    /** The same as environment variables (the Next example reads these). */
    env: {
      WONDER_BASE_URL: url,
      WONDER_APP_ID: appId,
      WONDER_PRIVATE_KEY: TEST_ONLY_PRIVATE_KEY_PEM,
    },
    /** The simulated bank page's Approve or Decline, for a pending token's verify uuid. */
    decide: (verifyUuid: string, decision: ChallengeDecision) =>
      decideChallenge(db, verifyUuid, decision),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type MockUpstreamServer = Awaited<ReturnType<typeof startMockUpstream>>;
