import { describe, expect, it } from 'vitest';
import { readEnvelope } from './index.js';

describe('readEnvelope: envelope A {error_code, error_message, data}', () => {
  it.each([
    ['empty', { error_code: '', error_message: '', data: { a: 1 } }],
    ['absent', { error_message: '', data: { a: 1 } }],
    ['"0"', { error_code: '0', error_message: 'ok', data: { a: 1 } }],
  ])('error_code %s is a success carrying data', (_label, body) => {
    expect(readEnvelope(body)).toEqual({ ok: true, data: { a: 1 } });
  });

  it('a non-empty error_code is an error with code and error_message', () => {
    expect(
      readEnvelope({ error_code: 'E100001', error_message: 'Customer not found', data: null }),
    ).toEqual({ ok: false, code: 'E100001', message: 'Customer not found', data: null });
  });

  it('a numeric error_code other than 0 is an error, as a string', () => {
    expect(readEnvelope({ error_code: 42, error_message: 'nope' })).toMatchObject({
      ok: false,
      code: '42',
      message: 'nope',
    });
  });
});

describe('readEnvelope: envelope B {code, message, data}', () => {
  it.each([0, 200, '0', '200'])('code %j is a success carrying data', (code) => {
    expect(readEnvelope({ code, message: 'OK', data: { payment_tokens: [] } })).toEqual({
      ok: true,
      data: { payment_tokens: [] },
    });
  });

  it.each([
    [400, '400'],
    [500, '500'],
    ['E000002', 'E000002'],
    ['201', '201'],
  ])('code %j is an error with code %j', (code, expected) => {
    expect(readEnvelope({ code, message: 'Invalid Credential Format.' })).toEqual({
      ok: false,
      code: expected,
      message: 'Invalid Credential Format.',
      data: undefined,
    });
  });

  it('reads the documented string-code error example', () => {
    const envelope = readEnvelope({ code: 'E000002', message: 'Invalid Credential Format.' });
    expect(envelope).toMatchObject({ ok: false, code: 'E000002' });
  });

  it('a success with no data field still succeeds, with undefined data', () => {
    expect(readEnvelope({ code: 0, message: 'OK' })).toEqual({ ok: true, data: undefined });
  });
});

describe('readEnvelope: error messages', () => {
  it('prefers error_message over message', () => {
    expect(
      readEnvelope({
        error_code: 'E1',
        error_message: 'from error_message',
        message: 'from message',
      }),
    ).toMatchObject({ ok: false, message: 'from error_message' });
  });

  it('falls back to message', () => {
    expect(readEnvelope({ error_code: 'E1', message: 'from message' })).toMatchObject({
      ok: false,
      code: 'E1',
      message: 'from message',
    });
  });

  it('is an empty string when there is no message', () => {
    expect(readEnvelope({ code: 'E9' })).toEqual({
      ok: false,
      code: 'E9',
      message: '',
      data: undefined,
    });
  });

  it('a failing error_code wins over a successful code', () => {
    expect(
      readEnvelope({ code: 0, error_code: 'E7', error_message: 'bad', data: {} }),
    ).toMatchObject({ ok: false, code: 'E7', message: 'bad' });
  });

  it('a failing code fails even when error_code is empty', () => {
    expect(readEnvelope({ code: 'E8', error_code: '', message: 'bad' })).toMatchObject({
      ok: false,
      code: 'E8',
    });
  });

  it('keeps the data of an error envelope', () => {
    expect(readEnvelope({ error_code: 'E1', data: { hint: 'x' } })).toMatchObject({
      ok: false,
      data: { hint: 'x' },
    });
  });
});

describe('readEnvelope: not an envelope', () => {
  it.each([
    ['an array', [{ code: 0, data: {} }]],
    ['null', null],
    ['undefined', undefined],
    ['an object without envelope fields', { foo: 1 }],
    ['an empty object', {}],
    ['a string', 'OK'],
    ['a JSON string', '{"code":0,"data":{}}'],
    ['a number', 200],
    ['a boolean', true],
  ])('%s gives null', (_label, body) => {
    expect(readEnvelope(body)).toBeNull();
  });
});
