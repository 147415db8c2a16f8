import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChallengeDecision, MockChallenge } from './challenge.js';
import { CHALLENGE_PAGE_PATH, decideChallenge, MOCK_3DS_PATH } from './challenge.js';
import type { GatewayDb } from './db.js';
import { decidePaymentChallenge } from './payments.js';

/**
 * The mock's simulated bank for a server that runs the mock gateway as the signing proxy's upstream
 * (`setupServer` in the same process): there no service worker answers the browser, so your server
 * serves the bank page and takes its decision. Mount `handle` (fetch-style) or `handleNode`
 * (node:http, Express) before your own routes and pass `challengeUrl` to `createGatewayHandlers`.
 */
export interface MockBankOptions {
  /** The mock gateway's db (the same one `createGatewayHandlers` gets). */
  db: GatewayDb;
  /** Your server's public origin, as the browser sees it (`http://127.0.0.1:8787`), or a function. */
  origin: string | (() => string);
  /** Where the bank's routes live on your server. Default `/__mock-bank__`. */
  mountPath?: string;
}

export interface MockBank {
  /** For `createGatewayHandlers({ challengeUrl })`: the bank page on your server. */
  challengeUrl(challenge: MockChallenge): string;
  /** Answers the bank page and its decision route; `undefined` for any other request. */
  handle(request: Request): Promise<Response | undefined>;
  /** The same for node:http and Express: `true` when it answered (then do nothing else). */
  handleNode(req: IncomingMessage, res: ServerResponse): boolean;
  /** The bank page's path on your server (`{mountPath}/mock-3ds/challenge.html`). */
  pagePath: string;
}

/** The page has its script and styles inline: it gets a policy of its own. */
export const MOCK_BANK_PAGE_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

const MAX_BODY = 1024;
let challengePage: string | undefined;

function readChallengePage(): string {
  // dist/node.js and src/mockBank.ts are both one level below the package's mock-3ds/.
  challengePage ??= readFileSync(new URL('../mock-3ds/challenge.html', import.meta.url), 'utf8');
  return challengePage;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

export function createMockBank(options: MockBankOptions): MockBank {
  const mountPath = (options.mountPath ?? '/__mock-bank__').replace(/\/+$/, '');
  const pagePath = `${mountPath}${CHALLENGE_PAGE_PATH}`;
  const decisionPrefix = `${mountPath}${MOCK_3DS_PATH}/`;
  const origin = () =>
    (typeof options.origin === 'function' ? options.origin() : options.origin).replace(/\/+$/, '');

  function decide(verifyUuid: string, body: string): Response {
    let decision: unknown;
    try {
      decision = (JSON.parse(body) as { decision?: unknown }).decision;
    } catch {
      decision = undefined;
    }
    if (decision !== 'approve' && decision !== 'decline') {
      return json(400, { error: 'decision must be "approve" or "decline".' });
    }
    // A payment's challenge (issue 16) when the uuid is a transaction's, else a token's.
    if (options.db.findTransaction(verifyUuid)) {
      const paid = decidePaymentChallenge(options.db, verifyUuid, decision as ChallengeDecision);
      if (!paid.ok) return json(404, { error: paid.error.message });
      return json(200, {
        verify_uuid: verifyUuid,
        transaction: paid.transaction.uuid,
        state: paid.transaction.state,
      });
    }
    const result = decideChallenge(options.db, verifyUuid, decision as ChallengeDecision);
    if (!result.ok) return json(404, { error: result.error.message });
    return json(200, { verify_uuid: verifyUuid, state: result.token.state });
  }

  function route(method: string, pathname: string): 'page' | { verifyUuid: string } | undefined {
    if (pathname === pagePath && (method === 'GET' || method === 'HEAD')) return 'page';
    if (method === 'POST' && pathname.startsWith(decisionPrefix)) {
      const verifyUuid = decodeURIComponent(pathname.slice(decisionPrefix.length));
      if (/^[\w-]{1,64}$/.test(verifyUuid)) return { verifyUuid };
    }
    return undefined;
  }

  function page(method: string): Response {
    return new Response(method === 'HEAD' ? null : readChallengePage(), {
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-cache',
        'Content-Security-Policy': MOCK_BANK_PAGE_CSP,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  }

  async function send(res: ServerResponse, response: Response): Promise<void> {
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  return {
    pagePath,
    challengeUrl({ verifyUuid, successReturnUrl, failReturnUrl }) {
      const url = new URL(pagePath, origin());
      url.searchParams.set('verify_uuid', verifyUuid);
      url.searchParams.set('base', `${origin()}${mountPath}`);
      url.searchParams.set('success_url', successReturnUrl);
      url.searchParams.set('fail_url', failReturnUrl);
      return url.href;
    },
    async handle(request) {
      const found = route(request.method, new URL(request.url).pathname);
      if (found === undefined) return undefined;
      if (found === 'page') return page(request.method);
      const body = await request.text();
      if (body.length > MAX_BODY) return json(413, { error: 'Too large' });
      return decide(found.verifyUuid, body);
    },
    handleNode(req, res) {
      const method = req.method ?? 'GET';
      const found = route(method, new URL(req.url ?? '/', 'http://localhost').pathname);
      if (found === undefined) return false;
      if (found === 'page') {
        void send(res, page(method));
        return true;
      }
      let body = '';
      let tooLarge = false;
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > MAX_BODY) tooLarge = true;
      });
      req.on('end', () => {
        void send(
          res,
          tooLarge ? json(413, { error: 'Too large' }) : decide(found.verifyUuid, body),
        );
      });
      return true;
    },
  };
}
