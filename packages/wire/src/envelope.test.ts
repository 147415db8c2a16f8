import { describe, expect, it } from 'vitest';
import { errorEnvelope, parseJsonBody, readEnvelope, successEnvelope } from './envelope.js';
import { ENVELOPE_CASES } from './envelopeCases.js';

describe('readEnvelope: the one rule', () => {
  it.each(ENVELOPE_CASES)('$name', ({ status, body, expected }) => {
    const reading = readEnvelope(status, parseJsonBody(body));
    if (expected.ok) {
      expect(reading.ok).toBe(true);
      return;
    }
    expect(reading.ok).toBe(false);
    expect(reading.ok ? undefined : reading.failure).toBe(expected.failure);
    if (expected.failure === 'gateway' && !reading.ok) {
      expect({ code: reading.code, message: reading.message }).toEqual({
        code: expected.code,
        message: expected.message,
      });
    }
  });

  it('gives back the data of a success', () => {
    expect(readEnvelope(200, { data: { a: 1 } })).toEqual({ ok: true, data: { a: 1 } });
  });

  it.each([
    [
      'a failing error_code wins over a successful code',
      { code: 0, error_code: 'E7', data: {} },
      'E7',
    ],
    ['a failing code fails even when error_code is empty', { code: 'E8', error_code: '' }, 'E8'],
    ['a numeric error_code other than 0', { error_code: 42 }, '42'],
    ['code 201 is not a success code', { code: 201, data: {} }, '201'],
  ])('%s', (_label, body, code) => {
    expect(readEnvelope(200, body)).toMatchObject({ ok: false, failure: 'gateway', code });
  });

  it('keeps the data of an error envelope', () => {
    expect(readEnvelope(400, { error_code: 'E1', data: { hint: 'x' } })).toMatchObject({
      ok: false,
      data: { hint: 'x' },
    });
  });

  it('a success with no data field still succeeds, with undefined data', () => {
    expect(readEnvelope(200, { code: 0, message: 'OK' })).toEqual({ ok: true, data: undefined });
  });

  it.each([
    ['an array', [{ code: 0, data: {} }]],
    ['null', null],
    ['undefined', undefined],
    ['an empty object', {}],
    ['a string', 'OK'],
    ['a JSON string', '{"code":0,"data":{}}'],
    ['a number', 200],
  ])('%s with HTTP 200 is not an envelope', (_label, body) => {
    expect(readEnvelope(200, body)).toMatchObject({ ok: false, failure: 'not-an-envelope' });
  });

  it('reads a numeric error code as text', () => {
    const reading = readEnvelope(400, { code: 40001, message: 'x' });
    expect(reading).toMatchObject({ ok: false, code: '40001' });
  });
});

describe('writing envelopes (what the mock and the proxy send)', () => {
  it.each(['A', 'B'] as const)('a %s success reads back as success with its data', (style) => {
    expect(readEnvelope(200, successEnvelope(style, { x: 1 }))).toEqual({
      ok: true,
      data: { x: 1 },
    });
  });

  it.each(['A', 'B'] as const)('a %s error reads back with its code and message', (style) => {
    const reading = readEnvelope(400, errorEnvelope(style, { code: 'E000001', message: 'bad' }));
    expect(reading).toMatchObject({
      ok: false,
      failure: 'gateway',
      code: 'E000001',
      message: 'bad',
    });
  });
});
