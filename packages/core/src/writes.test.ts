import { createGatewayHandlers, DEMO_CUSTOMER, DEMO_TOKENS } from '@savedcards/msw';
import { afterEach, describe, expect, it } from 'vitest';
import { db, server, TEST_BASE_URL } from '../../../test/server';
import {
  createGatewayClient,
  deletePaymentToken,
  GatewayError,
  getCustomer,
  setDefaultPaymentToken,
  upsertCustomer,
} from './index.js';

const client = () => createGatewayClient({ baseUrl: TEST_BASE_URL });

const listeners: Array<(event: { request: Request }) => void> = [];
afterEach(() => {
  for (const listener of listeners.splice(0)) {
    server.events.removeListener('request:start', listener);
  }
});

function captureBodies() {
  const bodies: unknown[] = [];
  const listener = async ({ request }: { request: Request }) => {
    if (request.method !== 'GET') {
      bodies.push(await request.clone().json());
    }
  };
  listeners.push(listener);
  server.events.on('request:start', listener);
  return bodies;
}

describe('upsertCustomer', () => {
  it('creates a customer and returns the same uuid for the same reference number', async () => {
    const profile = { referenceNumber: 'shop-42', name: 'Siu Ming Wong', phone: '61234567' };
    const created = await upsertCustomer(client(), profile);
    expect(created).toMatchObject({ referenceNumber: 'shop-42', name: 'Siu Ming Wong' });
    const again = await upsertCustomer(client(), { ...profile, email: 'siuming@example.com' });
    expect(again.uuid).toBe(created.uuid);
    expect(again.email).toBe('siuming@example.com');
  });

  it('sends the wire shape and leaves optional empty fields out', async () => {
    const bodies = captureBodies();
    await upsertCustomer(client(), {
      referenceNumber: 'shop-43',
      name: 'A',
      phone: '1',
      dialCode: '+852',
      email: '',
    });
    expect(bodies).toEqual([
      { customer: { reference_number: 'shop-43', name: 'A', phone: '1', dial_code: '+852' } },
    ]);
  });

  it('rejects invalid input with the gateway error', async () => {
    await expect(
      upsertCustomer(client(), { referenceNumber: 'x', name: '', phone: '1' }),
    ).rejects.toMatchObject({ kind: 'gateway', status: 400 });
  });
});

describe('setDefaultPaymentToken', () => {
  it('moves the default and keeps every profile field', async () => {
    const customer = await getCustomer(client(), DEMO_CUSTOMER.uuid);
    const updated = await setDefaultPaymentToken(client(), customer, DEMO_TOKENS.unionpay);
    expect(updated.defaultToken).toBe(DEMO_TOKENS.unionpay);
    const { defaultToken: _before, ...profile } = customer;
    const { defaultToken: _after, ...profileAfter } = updated;
    expect(profileAfter).toEqual(profile);
    expect(db.getCustomer(DEMO_CUSTOMER.uuid)?.default_payment_token?.token).toBe(
      DEMO_TOKENS.unionpay,
    );
  });

  it('sends the known profile with default_payment_token', async () => {
    const customer = await getCustomer(client(), DEMO_CUSTOMER.uuid);
    const bodies = captureBodies();
    await setDefaultPaymentToken(client(), customer, DEMO_TOKENS.mastercard);
    expect(bodies).toEqual([
      {
        customer: expect.objectContaining({
          reference_number: DEMO_CUSTOMER.referenceNumber,
          name: DEMO_CUSTOMER.name,
          phone: DEMO_CUSTOMER.phone,
          email: DEMO_CUSTOMER.email,
          dial_code: DEMO_CUSTOMER.dialCode,
          company_name: DEMO_CUSTOMER.companyName,
          default_payment_token: DEMO_TOKENS.mastercard,
        }),
      },
    ]);
  });

  it.each([
    ['credit_card', 'credit_card'],
    ['', 'credit_card'],
    ['Alipay', 'Credit Card'],
    ['Wechat Pay', 'Credit Card'],
  ])(
    'sends default_payment_method for a card in the casing the customer has (%j → %j)',
    async (current, sent) => {
      db.upsertCustomer({
        reference_number: DEMO_CUSTOMER.referenceNumber,
        default_payment_method: current,
      });
      const customer = await getCustomer(client(), DEMO_CUSTOMER.uuid);
      const bodies = captureBodies();
      await setDefaultPaymentToken(client(), customer, DEMO_TOKENS.mastercard);
      expect(bodies).toEqual([
        { customer: expect.objectContaining({ default_payment_method: sent }) },
      ]);
    },
  );

  it('is refused for a token that is not usable, and nothing changes', async () => {
    const customer = await getCustomer(client(), DEMO_CUSTOMER.uuid);
    await expect(
      setDefaultPaymentToken(client(), customer, DEMO_TOKENS.pending),
    ).rejects.toBeInstanceOf(GatewayError);
    expect(db.getCustomer(DEMO_CUSTOMER.uuid)?.default_payment_token?.token).toBe(DEMO_TOKENS.visa);
  });
});

describe('deletePaymentToken', () => {
  it('removes the token; removing the default clears it', async () => {
    await deletePaymentToken(client(), DEMO_CUSTOMER.uuid, DEMO_TOKENS.visa);
    expect(db.listTokens(DEMO_CUSTOMER.uuid).map((token) => token.token)).not.toContain(
      DEMO_TOKENS.visa,
    );
    expect((await getCustomer(client(), DEMO_CUSTOMER.uuid)).defaultToken).toBeUndefined();
  });

  it('fails for an unknown token and keeps the list', async () => {
    await expect(
      deletePaymentToken(client(), DEMO_CUSTOMER.uuid, 'no-such-token'),
    ).rejects.toMatchObject({ kind: 'gateway', status: 400 });
    expect(db.listTokens(DEMO_CUSTOMER.uuid)).toHaveLength(6);
  });

  it('fails on a server error without changing anything', async () => {
    server.use(
      ...createGatewayHandlers({
        baseUrl: TEST_BASE_URL,
        db,
        scenario: { failure: { kind: 'server-error', operations: ['deleteToken'] } },
      }),
    );
    await expect(
      deletePaymentToken(client(), DEMO_CUSTOMER.uuid, DEMO_TOKENS.mastercard),
    ).rejects.toMatchObject({ status: 500 });
    expect(db.listTokens(DEMO_CUSTOMER.uuid)).toHaveLength(6);
  });
});
