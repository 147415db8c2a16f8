/**
 * The envelope cases every reader of Wonder's answers must agree on: the browser client, the signing
 * proxy and the mock (test/wire/envelope.table.test.ts runs them through all three). Test data only:
 * not exported from the package.
 */
export interface EnvelopeCase {
  name: string;
  status: number;
  /** The raw body text, exactly as the gateway sends it. */
  body: string;
  expected:
    | { ok: true }
    | { ok: false; failure: 'gateway'; code: string; message: string }
    | { ok: false; failure: 'http' | 'not-an-envelope' };
}

const json = (value: unknown) => JSON.stringify(value);
const data = { customer: { uuid: 'c-1', reference_number: 'r-1', name: 'A', phone: '1' } };

export const ENVELOPE_CASES: readonly EnvelopeCase[] = [
  {
    name: 'A, success',
    status: 200,
    body: json({ error_code: '', error_message: '', data }),
    expected: { ok: true },
  },
  {
    name: 'A, error_code "0" is success',
    status: 200,
    body: json({ error_code: '0', error_message: '', data }),
    expected: { ok: true },
  },
  {
    name: 'A, error_code null is absent',
    status: 200,
    body: json({ error_code: null, data }),
    expected: { ok: true },
  },
  {
    name: 'B, code 0',
    status: 200,
    body: json({ code: 0, message: 'success', data }),
    expected: { ok: true },
  },
  {
    name: 'B, code 200',
    status: 200,
    body: json({ code: 200, message: 'OK', data }),
    expected: { ok: true },
  },
  {
    name: 'B, code "0" as a string',
    status: 200,
    body: json({ code: '0', message: 'success', data }),
    expected: { ok: true },
  },
  { name: 'a bare data object', status: 200, body: json({ data }), expected: { ok: true } },
  {
    name: 'A, error',
    status: 400,
    body: json({ error_code: 'E100001', error_message: 'bad card', data: null }),
    expected: { ok: false, failure: 'gateway', code: 'E100001', message: 'bad card' },
  },
  {
    name: 'both codes: error_code wins, message from message',
    status: 400,
    body: json({ code: 400, error_code: 'E100001', message: 'bad card' }),
    expected: { ok: false, failure: 'gateway', code: 'E100001', message: 'bad card' },
  },
  {
    name: 'both codes, error_code empty: code 500 is an error',
    status: 500,
    body: json({ code: 500, error_code: '', message: 'boom' }),
    expected: { ok: false, failure: 'gateway', code: '500', message: 'boom' },
  },
  {
    name: 'B, string error code (Wonder’s example)',
    status: 400,
    body: json({ code: 'E000003', message: 'Invalid Credential Format.' }),
    expected: {
      ok: false,
      failure: 'gateway',
      code: 'E000003',
      message: 'Invalid Credential Format.',
    },
  },
  {
    name: 'an error envelope with HTTP 200',
    status: 200,
    body: json({ error_code: 'E300051', error_message: 'declined', data: null }),
    expected: { ok: false, failure: 'gateway', code: 'E300051', message: 'declined' },
  },
  {
    name: 'message before error_message',
    status: 400,
    body: json({ code: 'E1', message: 'from message', error_message: 'from error_message' }),
    expected: { ok: false, failure: 'gateway', code: 'E1', message: 'from message' },
  },
  {
    name: 'error_message when there is no message',
    status: 400,
    body: json({ error_code: 'E2', error_message: 'only this' }),
    expected: { ok: false, failure: 'gateway', code: 'E2', message: 'only this' },
  },
  {
    name: 'a success envelope with HTTP 500',
    status: 500,
    body: json({ error_code: '', error_message: '', data: null }),
    expected: { ok: false, failure: 'http' },
  },
  {
    name: 'HTTP 502 with an HTML page',
    status: 502,
    body: '<html>Bad gateway</html>',
    expected: { ok: false, failure: 'http' },
  },
  {
    name: 'HTTP 200 that is not JSON',
    status: 200,
    body: 'OK',
    expected: { ok: false, failure: 'not-an-envelope' },
  },
  {
    name: 'HTTP 200 with a JSON array',
    status: 200,
    body: '[1,2]',
    expected: { ok: false, failure: 'not-an-envelope' },
  },
  {
    name: 'HTTP 200 with an object that has none of the keys',
    status: 200,
    body: json({ result: 'ok' }),
    expected: { ok: false, failure: 'not-an-envelope' },
  },
];
