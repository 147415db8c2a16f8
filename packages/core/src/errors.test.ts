import { describe, expect, it } from 'vitest';
import { GatewayError, type GatewayErrorKind, isGatewayError, isRetryableError } from './index.js';

describe('GatewayError', () => {
  it('carries kind, status, code, requestId and a name', () => {
    const error = new GatewayError({
      kind: 'gateway',
      message: 'refused',
      status: 400,
      code: 'E000002',
      requestId: '0b6a3c0e-1d0f-4f6a-9c53-3d8a0f8d9a11',
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('GatewayError');
    expect(error.kind).toBe('gateway');
    expect(error.message).toBe('refused');
    expect(error.status).toBe(400);
    expect(error.code).toBe('E000002');
    expect(error.requestId).toBe('0b6a3c0e-1d0f-4f6a-9c53-3d8a0f8d9a11');
  });

  it('defaults status to 0 and leaves code and requestId undefined', () => {
    const error = new GatewayError({ kind: 'network', message: 'offline' });
    expect(error.status).toBe(0);
    expect(error.code).toBeUndefined();
    expect(error.requestId).toBeUndefined();
    expect(error.cause).toBeUndefined();
  });

  it('keeps a cause when one is given', () => {
    const cause = new Error('underlying');
    expect(new GatewayError({ kind: 'network', message: 'x', cause }).cause).toBe(cause);
  });

  it.each([
    ['card number with spaces', 'Card 4242 4242 4242 4242 was declined', '4242 4242 4242 4242'],
    ['card number without spaces', 'Invalid card 4000000000003220.', '4000000000003220'],
    ['card number with dashes', 'number=4000-0000-0000-3220', '4000-0000-0000-3220'],
  ])('redacts a %s in the message', (_label, message, secret) => {
    const error = new GatewayError({ kind: 'gateway', message, status: 400 });
    expect(error.message).not.toContain(secret);
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toMatch(/\d{12}/);
  });

  it('redacts a CVV in the message and keeps the rest', () => {
    const error = new GatewayError({ kind: 'gateway', message: 'bad cvv: 123 for card' });
    expect(error.message).not.toContain('123');
    expect(error.message).toBe('bad cvv: [redacted] for card');
  });

  it('redacts card data echoed in the code', () => {
    const error = new GatewayError({ kind: 'gateway', message: 'x', code: '4242424242424242' });
    expect(error.code).not.toContain('4242424242424242');
  });

  it('keeps short numbers in the message', () => {
    const error = new GatewayError({
      kind: 'http',
      message: 'GET /customers failed with HTTP 503 after 20000 ms (card ending 4242)',
      status: 503,
    });
    expect(error.message).toBe(
      'GET /customers failed with HTTP 503 after 20000 ms (card ending 4242)',
    );
  });
});

describe('isGatewayError', () => {
  it('recognises only GatewayError instances', () => {
    expect(isGatewayError(new GatewayError({ kind: 'timeout', message: 't' }))).toBe(true);
    expect(isGatewayError(new Error('plain'))).toBe(false);
    expect(isGatewayError({ name: 'GatewayError', kind: 'network', message: 'x' })).toBe(false);
    expect(isGatewayError(undefined)).toBe(false);
  });
});

describe('isRetryableError', () => {
  const make = (kind: GatewayErrorKind, status?: number) =>
    new GatewayError({ kind, message: kind, status });

  it.each([
    ['network', undefined, true],
    ['timeout', undefined, true],
    ['http', 500, true],
    ['http', 502, true],
    ['http', 503, true],
    ['gateway', 500, true],
    ['http', 404, false],
    ['http', 401, false],
    ['http', 403, false],
    ['gateway', 400, false],
    ['gateway', 200, false],
    ['invalid-response', 200, false],
  ] as const)('%s with status %s → %s', (kind, status, expected) => {
    expect(isRetryableError(make(kind, status))).toBe(expected);
  });

  it.each([
    ['a plain Error', new Error('boom')],
    ['an AbortError', new DOMException('aborted', 'AbortError')],
    ['a string', 'network'],
    ['null', null],
    ['a look-alike object', { kind: 'network', status: 0 }],
  ])('is false for %s', (_label, value) => {
    expect(isRetryableError(value)).toBe(false);
  });
});
