// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import {
  browserRequest,
  DEMO_UUID,
  mockUpstream,
  OPENAPI,
  readJson,
  recordingFetch,
  testProxy,
} from '../testUpstream.js';
import { createWonderClient } from '../client.js';
import { TEST_APP_ID, TEST_ONLY_PRIVATE_KEY_PEM } from '../testdata/keys.js';
import { sendUpstream } from './upstream.js';

const tokens = (uuid = DEMO_UUID) => `/customers/${uuid}/payment_tokens`;

describe('the sign + upstream step', () => {
  it('passes x-i18n-lang on when it is one of Wonder’s languages', async () => {
    mockUpstream();
    const { proxy, sent } = testProxy();
    await proxy(browserRequest('GET', tokens(), { headers: { 'x-i18n-lang': 'zh-HK' } }));
    await proxy(browserRequest('GET', tokens(), { headers: { 'x-i18n-lang': 'xx' } }));
    expect(sent.map((request) => request.headers.get('x-i18n-lang'))).toEqual(['zh-HK', null]);
  });
  it('aborts the upstream call when the browser goes away', async () => {
    let upstreamSignal: AbortSignal | undefined;
    const hanging: typeof fetch = (input, init) =>
      new Promise((_resolve, reject) => {
        upstreamSignal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
        upstreamSignal?.addEventListener('abort', () => reject(new Error('aborted')));
      });
    const { proxy } = testProxy({}, hanging);
    const controller = new AbortController();
    const request = new Request(browserRequest('GET', tokens()), { signal: controller.signal });
    const pending = proxy(request);
    await vi.waitFor(() => expect(upstreamSignal).toBeDefined());
    controller.abort();
    const response = await pending;
    expect(upstreamSignal?.aborted).toBe(true);
    expect((await readJson(response)).error_code).toBe('E_CLIENT_CLOSED');
  });
});

describe('sendUpstream (one signed call)', () => {
  it('sends and signs exactly the outgoing path, query and body, with the request id', async () => {
    const { checks } = mockUpstream();
    const recorder = recordingFetch();
    const client = createWonderClient({
      appId: TEST_APP_ID,
      privateKey: TEST_ONLY_PRIVATE_KEY_PEM,
      environment: 'sandbox',
      fetch: recorder.fetch,
    });
    const path = `${OPENAPI}${tokens()}?token_type=CreditCard,AlipayAutoDebit`;
    const result = await sendUpstream(
      client,
      { route: { operation: 'listTokens', method: 'GET', template: '', hasBody: false }, path },
      new Request('http://shop.test/', { headers: { 'x-i18n-lang': 'zh-CN', Cookie: 'sid=1' } }),
      '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b',
    );
    expect(result).toMatchObject({ kind: 'response', status: 200 });
    expect(recorder.sent[0]?.url).toBe(`https://gateway-stg.wonder.today${path}`);
    expect(recorder.sent[0]?.headers.get('x-i18n-lang')).toBe('zh-CN');
    expect(recorder.sent[0]?.headers.get('Cookie')).toBeNull();
    expect(recorder.sent[0]?.headers.get('X-Request-ID')).toBe(
      '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b',
    );
    expect(checks).toMatchObject([{ ok: true, uri: path }]);
  });
});
