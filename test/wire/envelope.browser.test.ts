import { createGatewayClient, GatewayError, getCustomer } from '@savedcards/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ENVELOPE_CASES } from '../../packages/wire/src/envelopeCases';
import { server, TEST_BASE_URL } from '../server';

// The browser column of the shared envelope table: the client reads each raw answer straight from
// the (mock) gateway. test/wire/envelope.table.test.ts runs the same cases through the proxy.
describe('the browser client reads every envelope case by the one rule', () => {
  it.each(ENVELOPE_CASES)('$name', async ({ status, body, expected }) => {
    server.use(
      http.get(
        `${TEST_BASE_URL}/svc/payment/api/v1/openapi/customers/:uuid`,
        () => new HttpResponse(body, { status, headers: { 'Content-Type': 'application/json' } }),
      ),
    );
    const outcome = await getCustomer(createGatewayClient({ baseUrl: TEST_BASE_URL }), 'c-1').then(
      () => ({ ok: true as const }),
      (error: unknown) => error,
    );
    if (expected.ok) {
      expect(outcome).toEqual({ ok: true });
      return;
    }
    expect(outcome).toBeInstanceOf(GatewayError);
    const error = outcome as GatewayError;
    if (expected.failure === 'gateway') {
      expect(error.kind).toBe('gateway');
      expect(error.code).toBe(expected.code);
      expect(error.message).toContain(expected.message);
    } else {
      expect(error.kind).toBe(expected.failure === 'http' ? 'http' : 'invalid-response');
    }
  });
});
