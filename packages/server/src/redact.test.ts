// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEMO_TOKENS } from '../../msw/src/index.js';
import { passesLuhn } from '@savedcards/wire';
import { redact, redactDeep, sanitizeGatewayData } from './redact.js';
import {
  browserRequest,
  DEMO_UUID,
  mockUpstream,
  SHOP,
  TEST_PANS,
  testProxy,
} from './testUpstream.js';

/** Every way a PAN could be written: plain, in groups of four with spaces or dashes. */
function variants(pan: string): string[] {
  const groups = pan.match(/.{1,4}/g) ?? [pan];
  return [pan, groups.join(' '), groups.join('-')];
}

/** True when `text` carries any test PAN, however it is spaced. */
function containsPan(text: string): boolean {
  const digitsOnly = text.replace(/[\s-]/g, '');
  return TEST_PANS.some((pan) => text.includes(pan) || digitsOnly.includes(pan));
}

describe('redact', () => {
  it.each(TEST_PANS.flatMap(variants))('removes %s from free text', (pan) => {
    const text = `card ${pan} was declined`;
    expect(redact(text)).toBe('card [redacted] was declined');
  });

  it('removes 12–19 digit runs but keeps shorter numbers, masked numbers and UUIDs', () => {
    expect(redact('123456789012')).toBe('[redacted]');
    expect(redact('1234567890123456789')).toBe('[redacted]');
    expect(redact('phone 91234567, amount 16800, year 2027')).toBe(
      'phone 91234567, amount 16800, year 2027',
    );
    expect(redact('424242******4242')).toBe('424242******4242');
    expect(redact(`request ${DEMO_UUID}`)).toBe(`request ${DEMO_UUID}`);
    expect(redact('id 12345678-1234-4123-8123-123456789012 ok')).toBe(
      'id 12345678-1234-4123-8123-123456789012 ok',
    );
  });

  it('sanitizeGatewayData masks a run of exactly 12 digits and leaves 11 alone', () => {
    expect(sanitizeGatewayData({ note: '424242424242', list: ['x', '4242-4242-4242'] })).toEqual({
      note: '********4242',
      list: ['x', '********4242'],
    });
    expect(sanitizeGatewayData({ note: '42424242424', brand: 'visa' })).toBeUndefined();
  });

  it.each([
    ['{"cvv":"123"}', '{"cvv":"[redacted]"}'],
    ['cvc=4321&x=1', 'cvc=[redacted]&x=1'],
    ['CVV2: 123', 'CVV2: [redacted]'],
    ['security code 999', 'security code [redacted]'],
    ["'csc': '1234'", "'csc': '[redacted]'"],
  ])('removes the CVC-like value in %s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('passesLuhn accepts the test cards and refuses a changed digit', () => {
    for (const pan of TEST_PANS) expect(passesLuhn(pan), pan).toBe(true);
    expect(passesLuhn('4242424242424241')).toBe(false);
    expect(passesLuhn('123456789012')).toBe(false);
  });

  it('redactDeep redacts strings at any depth and card-ish keys entirely', () => {
    expect(
      redactDeep({
        detail: 'Error: 4242 4242 4242 4242',
        nested: [{ number: '1234', cvv: 12, credit_card: { number: '424242******4242' } }],
        status: 400,
      }),
    ).toEqual({
      detail: 'Error: [redacted]',
      nested: [
        { number: '[redacted]', cvv: '[redacted]', credit_card: { number: '424242******4242' } },
      ],
      status: 400,
    });
  });

  it('sanitizeGatewayData masks full numbers and CVCs under card keys, and reports no change otherwise', () => {
    expect(
      sanitizeGatewayData({
        payment_token: { credit_card: { number: '4242424242424242', cvv: '123' } },
      }),
    ).toEqual({
      payment_token: { credit_card: { number: '************4242', cvv: '[redacted]' } },
    });
    expect(
      sanitizeGatewayData({
        credit_card: { number: '424242******4242' },
        phone: '91234567',
        token: '00000000-0000-4000-a000-000000000001',
        reference_number: '123456789012',
      }),
    ).toBeUndefined();
    expect(sanitizeGatewayData({ holder_name: 'Tai Man 4242 4242 4242 4242' })).toEqual({
      holder_name: 'Tai Man ************4242',
    });
  });

  it.each([
    [
      'a JSON number',
      { credit_card: { last: 4242424242424242 } },
      { credit_card: { last: '************4242' } },
    ],
    [
      'a dotted number',
      { holder_name: '4242.4242.4242.4242' },
      { holder_name: '************4242' },
    ],
    [
      'a non-Luhn UnionPay number in error_msg',
      { error_msg: 'card 6250941006528590 refused' },
      { error_msg: 'card ************8590 refused' },
    ],
  ])('sanitizeGatewayData masks %s', (_label, input, expected) => {
    expect(sanitizeGatewayData(input)).toEqual(expected);
  });

  it('sanitizeGatewayData masks a number inside error_code', () => {
    const text = JSON.stringify(sanitizeGatewayData({ error_code: 'E9-4242424242424242' }));
    expect(text).not.toMatch(/\d{5}/);
    expect(text).toContain('4242');
  });
});

describe('no card number or CVC reaches a log line or the browser', () => {
  const card = (pan: string) => ({
    card: {
      number: pan,
      exp_month: '04',
      exp_year: '2030',
      holder_name: `Holder ${pan}`,
      cvv: '123',
      nickname: `my card ${pan.match(/.{1,4}/g)?.join(' ')}`,
    },
  });

  /** Sends a create-token request per test PAN through the proxy, with `upstream` as the gateway. */
  async function createTokens(upstream?: typeof fetch) {
    const { proxy, logs, sent } = testProxy({}, upstream);
    const bodies: string[] = [];
    for (const pan of TEST_PANS) {
      const request = browserRequest('POST', `/customers/${DEMO_UUID}/payment_tokens`, {
        body: card(pan),
      });
      bodies.push(await (await proxy(request)).text());
    }
    expect(logs.lines).toHaveLength(TEST_PANS.length);
    return { logs: logs.lines, bodies, sent };
  }

  it('on the create-token path, success or gateway refusal', async () => {
    mockUpstream();
    const { logs, bodies, sent } = await createTokens();
    expect(sent).toHaveLength(TEST_PANS.length);
    for (const line of logs) expect(containsPan(line), line).toBe(false);
    for (const body of bodies) expect(containsPan(body), body).toBe(false);
  });

  it('on every refusal path (415, 413, 400, 403, 404, 405, 401)', async () => {
    const { proxy, logs } = testProxy({
      resolveCustomer: (request) =>
        request.headers.get('X-Session') === 'none'
          ? null
          : { uuid: DEMO_UUID, referenceNumber: 'demo-customer-1' },
      maxBodyBytes: 4096,
    });
    const bodies: string[] = [];
    const tokens = `/customers/${DEMO_UUID}/payment_tokens`;
    for (const pan of TEST_PANS) {
      const body = card(pan);
      const requests = [
        browserRequest('POST', tokens, { body, headers: { 'Content-Type': 'text/plain' } }),
        browserRequest('POST', tokens, { body: { ...body, pad: 'x'.repeat(5000) } }),
        browserRequest('POST', tokens, { body: JSON.stringify(body).slice(0, -2) }),
        browserRequest('POST', `/customers/someone-else/payment_tokens`, { body }),
        browserRequest('POST', `${tokens}?number=${pan}&cvv=123`, { noMarker: true, body }),
        browserRequest('POST', `/cards/${pan}`, { body }),
        browserRequest('PUT', `${tokens}?pan=${pan}`, { body }),
        browserRequest('POST', tokens, { body, headers: { 'X-Session': 'none' } }),
        new Request(`${SHOP}/api/wonder/${pan}?cvc=123`, {
          method: 'POST',
          body: JSON.stringify(body),
        }),
      ];
      for (const request of requests) bodies.push(await (await proxy(request)).text());
    }
    expect(logs.lines).toHaveLength(TEST_PANS.length * 9);
    for (const line of logs.lines) expect(containsPan(line), line).toBe(false);
    for (const body of bodies) expect(containsPan(body), body).toBe(false);
  });

  it('when the gateway echoes the card back in an error (message and data)', async () => {
    const echoing: typeof fetch = async (input) => {
      const request = input as Request;
      const sentBody = await request.text();
      const { card: sentCard } = JSON.parse(sentBody) as { card: { number: string } };
      return Response.json(
        {
          error_code: 'E300051',
          error_message: `Card ${sentCard.number} declined (cvv: 123), request ${sentBody}`,
          data: { card: { number: sentCard.number, cvv: '123' } },
        },
        { status: 400 },
      );
    };
    const { logs, bodies, sent } = await createTokens(echoing);
    expect(sent).toHaveLength(TEST_PANS.length);
    for (const body of bodies) {
      expect(containsPan(body), body).toBe(false);
      expect(body).not.toMatch(/"cvv":"123"|cvv: 123/);
      expect(JSON.parse(body)).toMatchObject({ error_code: 'E300051', data: null });
    }
    for (const line of logs) expect(containsPan(line), line).toBe(false);
  });

  it('when the gateway fails with a 5xx that echoes the card', async () => {
    const failing: typeof fetch = async (input) =>
      new Response(`Internal error while processing ${await (input as Request).text()}`, {
        status: 500,
      });
    const { logs, bodies } = await createTokens(failing);
    for (const body of bodies) {
      expect(containsPan(body), body).toBe(false);
      expect(JSON.parse(body)).toMatchObject({ error_code: 'E_UPSTREAM_ERROR' });
    }
    for (const line of logs) expect(containsPan(line), line).toBe(false);
  });

  it('when the gateway answers success with an unmasked number', async () => {
    const careless: typeof fetch = async (input) => {
      const { card: sentCard } = JSON.parse(await (input as Request).text()) as {
        card: { number: string };
      };
      return Response.json({
        error_code: '',
        error_message: '',
        data: {
          payment_token: {
            token: DEMO_TOKENS.visa,
            state: 'success',
            credit_card: { number: sentCard.number, cvv: '123', brand: 'Visa' },
          },
        },
      });
    };
    const { bodies, logs } = await createTokens(careless);
    for (const [i, body] of bodies.entries()) {
      expect(containsPan(body), body).toBe(false);
      const parsed = JSON.parse(body) as {
        data: { payment_token: { token: string; credit_card: { number: string; cvv: string } } };
      };
      expect(parsed.data.payment_token.token).toBe(DEMO_TOKENS.visa);
      expect(parsed.data.payment_token.credit_card.number).toMatch(
        new RegExp(`^\\*+${TEST_PANS[i]?.slice(-4)}$`),
      );
      expect(parsed.data.payment_token.credit_card.cvv).toBe('[redacted]');
    }
    for (const line of logs) expect(containsPan(line), line).toBe(false);
  });

  it('when resolveCustomer throws an error that mentions a card number', async () => {
    const { proxy, logs } = testProxy({
      resolveCustomer: () => {
        throw new Error('bad session for card 4242 4242 4242 4242 cvc=123');
      },
    });
    const response = await proxy(browserRequest('GET', `/customers/${DEMO_UUID}`));
    expect(containsPan(await response.text())).toBe(false);
    expect(logs.lines).toHaveLength(1);
    expect(containsPan(logs.lines[0] ?? '')).toBe(false);
    expect(logs.lines[0]).not.toContain('cvc=123');
  });
});
