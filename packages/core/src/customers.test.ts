import {
  createGatewayHandlers,
  DEMO_CUSTOMER,
  DEMO_TOKENS,
  GATEWAY_ERROR_CODES,
} from '@savedcards/msw';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { db, server, TEST_BASE_URL } from '../../../test/server';
import {
  createGatewayClient,
  GatewayError,
  getCustomer,
  isGatewayError,
  OPENAPI_PREFIX,
} from './index.js';

const client = () => createGatewayClient({ baseUrl: TEST_BASE_URL });

const demoCustomer = {
  uuid: DEMO_CUSTOMER.uuid,
  referenceNumber: DEMO_CUSTOMER.referenceNumber,
  name: DEMO_CUSTOMER.name,
  email: DEMO_CUSTOMER.email,
  dialCode: DEMO_CUSTOMER.dialCode,
  phone: DEMO_CUSTOMER.phone,
  companyName: DEMO_CUSTOMER.companyName,
  defaultPaymentMethod: 'Credit Card',
  defaultToken: DEMO_TOKENS.visa,
};

describe('getCustomer against the mock gateway', () => {
  it('reads the demo customer, with the default token from the token object', async () => {
    await expect(getCustomer(client(), DEMO_CUSTOMER.uuid)).resolves.toEqual(demoCustomer);
  });

  it('reads the same customer from envelope B', async () => {
    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario: 'envelope-b' }));
    await expect(getCustomer(client(), DEMO_CUSTOMER.uuid)).resolves.toEqual(demoCustomer);
  });

  it('follows a change of default', async () => {
    db.setDefaultToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.unionpay);
    const customer = await getCustomer(client(), DEMO_CUSTOMER.uuid);
    expect(customer.defaultToken).toBe(DEMO_TOKENS.unionpay);
  });

  it('has no defaultToken when the customer has no default', async () => {
    db.setDefaultToken(DEMO_CUSTOMER.uuid, null);
    const customer = await getCustomer(client(), DEMO_CUSTOMER.uuid);
    expect(customer).not.toHaveProperty('defaultToken');
    expect(customer.uuid).toBe(DEMO_CUSTOMER.uuid);
  });

  it('rejects with a gateway error for an unknown customer', async () => {
    const error = await getCustomer(client(), '00000000-0000-4000-8000-999999999999').catch(
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({
      kind: 'gateway',
      status: GATEWAY_ERROR_CODES.customerNotFound.status,
      code: GATEWAY_ERROR_CODES.customerNotFound.code,
    });
  });

  it.each([
    ['data without customer', { error_code: '', data: {} }],
    ['a customer without uuid', { error_code: '', data: { customer: { name: 'x' } } }],
    ['no data', { code: 0, message: 'ok' }],
  ])('rejects with invalid-response for %s', async (_label, body) => {
    server.use(
      http.get(`${TEST_BASE_URL}${OPENAPI_PREFIX}/customers/:uuid`, () => HttpResponse.json(body)),
    );
    const error = await getCustomer(client(), DEMO_CUSTOMER.uuid).catch(
      (reason: unknown) => reason,
    );
    expect(isGatewayError(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'invalid-response', status: 200 });
  });

  it('rejects with the abort reason when the caller aborts', async () => {
    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, db, scenario: 'timeout' }));
    const controller = new AbortController();
    const reason = new Error('unmounted');
    const pending = getCustomer(client(), DEMO_CUSTOMER.uuid, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 10);
    await expect(pending).rejects.toBe(reason);
  });
});
