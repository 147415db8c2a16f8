// @vitest-environment node
/**
 * The shared envelope table (packages/wire/src/envelopeCases.ts) through the signing proxy: the mock
 * upstream answers each case's raw body and status, the proxy reads and relays it, and the browser
 * client reads the proxy's answer. A case the gateway says is a success must reach the browser as
 * that data; a gateway error as a `GatewayError` with the gateway's code and message; anything else
 * as the proxy's own error (the browser never sees Wonder's raw failure).
 */
import { createGatewayClient, GatewayError } from '@savedcards/core';
import { gatewayPaths, PROXY_ERRORS } from '@savedcards/wire';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  DEMO_UUID,
  OPENAPI,
  SANDBOX,
  SHOP,
  testProxy,
} from '../../packages/server/src/testUpstream.js';
import { ENVELOPE_CASES } from '../../packages/wire/src/envelopeCases.js';
import { server } from '../server.js';

/** What the proxy answers for an upstream answer that is neither a success nor a gateway error. */
const PROXY_CODE = {
  http: PROXY_ERRORS.upstreamError.code,
  'not-an-envelope': PROXY_ERRORS.upstreamInvalidResponse.code,
} as const;

describe('the shared envelope table, through the proxy and the browser client', () => {
  it.each(ENVELOPE_CASES.map((envelopeCase) => [envelopeCase.name, envelopeCase] as const))(
    '%s',
    async (_name, { status, body, expected }) => {
      server.use(
        http.get(
          `${SANDBOX}${OPENAPI}/customers/${DEMO_UUID}`,
          () => new HttpResponse(body, { status }),
        ),
      );
      const { proxy, sent } = testProxy();
      const client = createGatewayClient({
        baseUrl: `${SHOP}/api/wonder`,
        fetch: (input, init) => proxy(new Request(input, init)),
      });
      const reading = client.request({ method: 'GET', path: gatewayPaths.customer(DEMO_UUID) });

      if (expected.ok) {
        await expect(reading).resolves.toEqual((JSON.parse(body) as { data: unknown }).data);
      } else {
        const error = await reading.then(
          () => undefined,
          (reason: unknown) => reason,
        );
        expect(error).toBeInstanceOf(GatewayError);
        const gatewayError = error as GatewayError;
        if (expected.failure === 'gateway') {
          expect(gatewayError).toMatchObject({ kind: 'gateway', code: expected.code, status });
          expect(gatewayError.message).toContain(expected.message);
        } else {
          expect(gatewayError).toMatchObject({
            kind: 'gateway',
            code: PROXY_CODE[expected.failure],
          });
          expect(gatewayError.status).toBeGreaterThanOrEqual(500);
        }
      }
      expect(sent).toHaveLength(1);
    },
  );
});
