// @vitest-environment node
import type { PaymentOrder } from '@savedcards/wire';
import { PAYMENT_GATEWAY_ERRORS, WONDER_VERIFY_HOSTS } from '@savedcards/wire';
import { describe, expect, it } from 'vitest';
import {
  checkRedirectUrl,
  failureReasonOf,
  resultFromCheck,
  resultFromTransaction,
} from './payResult.js';

const ORDER: PaymentOrder = { id: 'o1', reference_number: 'r1', amount: '1.00', currency: 'HKD' };
const HOSTS = WONDER_VERIFY_HOSTS.sandbox;

describe('checkRedirectUrl: a 3-D Secure redirect is checked like a verify URL', () => {
  it.each([
    'https://gateway-stg.wonder.today/3ds/abc',
    'https://3ds.savedcards-mock.invalid/challenge/1',
  ])('accepts %s', (url) => {
    expect(checkRedirectUrl(url, HOSTS)).toEqual({ ok: true, url });
  });
  it.each([
    ['http://gateway.wonder.today/x', 'not https'],
    ['javascript:alert(1)', 'not https'],
    ['https://wonder.today.evil.example/x', 'host not allowed'],
    ['https://user:pw@gateway.wonder.today/x', 'credentials'],
    ['https://gateway.wonder.today/a\tb', 'not a clean string'],
    ['https://gateway.wonder.today/\u200bx', 'not a clean string'],
    ['https://xn--wndr-6qa.wonder.today/x', 'punycode host'],
    ['/relative', 'not absolute'],
    ['https:gateway.wonder.today', 'not https'],
  ])('refuses %s (%s)', (url, reason) => {
    expect(checkRedirectUrl(url, HOSTS)).toEqual({ ok: false, reason });
  });
  it('refuses a non-string', () => {
    expect(checkRedirectUrl(42, HOSTS).ok).toBe(false);
  });
  it('an origin in the list (a mock bank in development) allows exactly that origin, http too', () => {
    const hosts = [...HOSTS, 'http://127.0.0.1:8787'];
    const url = 'http://127.0.0.1:8787/mock-3ds/challenge.html?verify_uuid=1';
    expect(checkRedirectUrl(url, hosts)).toEqual({ ok: true, url });
    expect(checkRedirectUrl('http://127.0.0.1:8788/x', hosts)).toEqual({
      ok: false,
      reason: 'not https',
    });
    expect(checkRedirectUrl('http://u:p@127.0.0.1:8787/x', hosts)).toEqual({
      ok: false,
      reason: 'credentials',
    });
  });
});

describe('reading Wonder’s transactions into a PaymentResult', () => {
  it('maps the gateway’s failure codes to reasons, anything else to unknown', () => {
    expect(failureReasonOf(PAYMENT_GATEWAY_ERRORS.transactionDeclined.code)).toBe('declined');
    expect(failureReasonOf(PAYMENT_GATEWAY_ERRORS.transactionExpiredCard.code)).toBe(
      'expired_card',
    );
    expect(failureReasonOf(PAYMENT_GATEWAY_ERRORS.transactionAuthenticationFailed.code)).toBe(
      'authentication_failed',
    );
    expect(failureReasonOf('E999')).toBe('unknown');
  });

  it('redacts a card number echoed in a failure message', () => {
    const reading = resultFromTransaction(
      ORDER,
      't1',
      { uuid: 'u1', state: 'failed', error_code: 'E300005', error_msg: 'card 4242424242424242 no' },
      HOSTS,
    );
    expect(reading.ok && reading.result.failure?.message).not.toMatch(/4242424242424242/);
    expect(reading.ok && reading.result.failure?.reason).toBe('declined');
  });

  it('a pending transaction without a redirect is processing; an unknown state too', () => {
    for (const state of ['pending', 'settling']) {
      const reading = resultFromTransaction(ORDER, 't1', { uuid: 'u1', state }, HOSTS);
      expect(reading).toEqual({
        ok: true,
        result: { state: 'processing', order: ORDER, token: 't1', transaction_uuid: 'u1' },
      });
    }
  });

  it('orders/check: a success wins over an earlier failure; none without transactions', () => {
    const data = {
      order: { correspondence_state: 'paid' },
      transactions: [
        { uuid: 'a', state: 'failed', error_code: 'E300005' },
        { uuid: 'b', state: 'success', payment_token: 't2' },
      ],
    };
    const reading = resultFromCheck(ORDER, 't1', data, HOSTS);
    expect(reading).toMatchObject({
      ok: true,
      result: { state: 'succeeded', transaction_uuid: 'b', token: 't2' },
    });
    expect(resultFromCheck(ORDER, 't1', { order: {}, transactions: [] }, HOSTS)).toEqual({
      ok: 'none',
    });
    expect(
      resultFromCheck(
        ORDER,
        't1',
        { order: { correspondence_state: 'paid' }, transactions: [] },
        HOSTS,
      ),
    ).toEqual({ ok: 'paidElsewhere' });
  });
});
