// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createGatewayDb, DEMO_CUSTOMER, DEMO_TOKENS, PAYMENT_SCENARIO_CARDS } from './index.js';
import { createMockBank, MOCK_BANK_PAGE_CSP } from './node.js';

const ORIGIN = 'http://127.0.0.1:8787';

function setup() {
  const db = createGatewayDb();
  const pending = db.getToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.pending);
  if (!pending?.verify_uuid) throw new Error('the demo seed has no pending token');
  return {
    db,
    bank: createMockBank({ db, origin: () => ORIGIN }),
    verifyUuid: pending.verify_uuid,
  };
}

const decide = (verifyUuid: string, body: unknown) =>
  new Request(`${ORIGIN}/__mock-bank__/__mock__/3ds/${verifyUuid}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('createMockBank', () => {
  it('builds verify URLs to the bank page on the server, posting back under the mount path', () => {
    const { bank } = setup();
    const url = new URL(
      bank.challengeUrl({
        verifyUuid: 'v-1',
        baseUrl: 'https://gateway-stg.wonder.today',
        successReturnUrl: `${ORIGIN}/3ds/return?ok=1`,
        failReturnUrl: `${ORIGIN}/3ds/return?ok=0`,
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${ORIGIN}/__mock-bank__/mock-3ds/challenge.html`);
    expect(url.searchParams.get('base')).toBe(`${ORIGIN}/__mock-bank__`);
    expect(url.searchParams.get('verify_uuid')).toBe('v-1');
    expect(url.searchParams.get('success_url')).toBe(`${ORIGIN}/3ds/return?ok=1`);
  });

  it('serves the shipped challenge page with its own policy', async () => {
    const { bank } = setup();
    const response = await bank.handle(new Request(`${ORIGIN}${bank.pagePath}`));
    expect(response?.status).toBe(200);
    expect(response?.headers.get('Content-Security-Policy')).toBe(MOCK_BANK_PAGE_CSP);
    expect(await response?.text()).toContain('Simulated 3-D Secure');
  });

  it('applies Approve to the pending token, and refuses bad or unknown decisions', async () => {
    const { bank, db, verifyUuid } = setup();
    expect((await bank.handle(decide(verifyUuid, { decision: 'maybe' })))?.status).toBe(400);
    expect((await bank.handle(decide(verifyUuid, 'not json')))?.status).toBe(400);
    expect((await bank.handle(decide('unknown-uuid', { decision: 'approve' })))?.status).toBe(404);
    const response = await bank.handle(decide(verifyUuid, { decision: 'approve' }));
    expect(response?.status).toBe(200);
    expect(await response?.json()).toEqual({ verify_uuid: verifyUuid, state: 'success' });
    expect(db.getToken(DEMO_CUSTOMER.uuid, DEMO_TOKENS.pending)?.state).toBe('success');
  });

  it('applies a decision to a pending payment (a transaction uuid) as decidePaymentChallenge does', async () => {
    const { bank, db } = setup();
    const card = PAYMENT_SCENARIO_CARDS.find((c) => c.payment === 'challenge-approve');
    const token = db.addToken(DEMO_CUSTOMER.uuid, { number: card?.number ?? '' }).token;
    db.putOrder({
      reference_number: 'shop-order-1',
      currency: 'HKD',
      amount: '12.50',
      correspondence_state: 'unpaid',
    });
    const pending = db.addTransaction('shop-order-1', {
      amount: '12.50',
      currency: 'HKD',
      payment_token: token,
      consume_mode: 'sales',
      entry_type: 'cit',
      state: 'pending',
      allowed_void: false,
      error_code: '',
      error_msg: '',
    });
    const response = await bank.handle(decide(pending.uuid, { decision: 'approve' }));
    expect(response?.status).toBe(200);
    expect(await response?.json()).toEqual({
      verify_uuid: pending.uuid,
      transaction: pending.uuid,
      state: 'success',
    });
    expect(db.findTransaction(pending.uuid)?.transaction.state).toBe('success');
    expect(db.getOrder('shop-order-1')?.correspondence_state).toBe('paid');
  });

  it('answers nothing else', async () => {
    const { bank, verifyUuid } = setup();
    expect(await bank.handle(new Request(`${ORIGIN}/api/wonder/customers`))).toBeUndefined();
    expect(
      await bank.handle(new Request(`${ORIGIN}/__mock-bank__/__mock__/3ds/${verifyUuid}`)),
    ).toBeUndefined();
  });
});
