import { ECHO_PATH, isRecord, parseJsonBody } from '@savedcards/wire';
import { delay, HttpResponse, http } from 'msw';
import type { HttpHandler } from 'msw';
import type { GatewayEnvelope } from './envelope.js';
import { errorBody, successBody } from './envelope.js';
import { gatewayError } from './errors.js';

export { ECHO_PATH };

export interface EchoHandlerOptions {
  /** The gateway's base URL (as for the other handlers); the route is `${baseUrl}${ECHO_PATH}`. */
  baseUrl: string;
  envelope: GatewayEnvelope;
  latencyMs?: number | 'infinite';
  /** Signature check; answers instead of the echo when it returns a response. */
  guard?: (request: Request) => Promise<Response | undefined>;
}

/**
 * `POST /svc/payment/api/v1/echo` with `{"message": "Hello,Wonder!"}` answers
 * `data: {"message": "Hello,Wonder!"}`. With `verifySignature` on, a bad signature gets 401 instead.
 */
export function createEchoHandler(options: EchoHandlerOptions): HttpHandler {
  const url = `${options.baseUrl.replace(/\/+$/, '')}${ECHO_PATH}`;
  return http.post(url, async ({ request }) => {
    if (options.latencyMs !== undefined) await delay(options.latencyMs);
    const refused = await options.guard?.(request);
    if (refused) return refused;
    const body = parseJsonBody(await request.text());
    const message = isRecord(body) ? body.message : undefined;
    if (typeof message !== 'string') {
      const error = gatewayError('invalidParameter', 'message is required.');
      return HttpResponse.json(errorBody(options.envelope, error), { status: error.status });
    }
    return HttpResponse.json(successBody(options.envelope, { message }));
  });
}
