import { describe, expect, it } from 'vitest';
import { server, TEST_BASE_URL } from '../../../test/server.js';
import { createGatewayHandlers, DEMO_CUSTOMER } from './index.js';
import { API, tokensPath } from './testClient.js';

const langHeader = (lang?: string): Record<string, string> =>
  lang === undefined ? {} : { 'x-i18n-lang': lang };

async function removeUnknownToken(lang?: string) {
  const response = await fetch(`${API}${tokensPath(DEMO_CUSTOMER.uuid)}`, {
    method: 'DELETE',
    headers: { 'Content-Type': 'application/json', ...langHeader(lang) },
    body: JSON.stringify({ token: 'no-such-token' }),
  });
  return (await response.json()) as { error_code: string; error_message: string };
}

async function failedTokenMessage(lang?: string) {
  const response = await fetch(`${API}${tokensPath(DEMO_CUSTOMER.uuid)}`, {
    headers: langHeader(lang),
  });
  const body = (await response.json()) as {
    data: { payment_tokens: Array<{ state: string; error_msg?: string }> };
  };
  return body.data.payment_tokens.find((token) => token.state === 'failed')?.error_msg;
}

describe('the mock answers in the language asked for with x-i18n-lang', () => {
  it.each([
    [undefined, 'Payment token not found.'],
    ['en', 'Payment token not found.'],
    ['zh-HK', '找不到付款代碼。'],
    ['zh-CN', '找不到付款令牌。'],
    ['fr', 'Payment token not found.'],
  ])('an error, asked in %s', async (lang, message) => {
    await expect(removeUnknownToken(lang)).resolves.toEqual({
      error_code: 'E200001',
      error_message: message,
      data: null,
    });
  });

  it.each([
    [undefined, 'Card declined by the issuer.'],
    ['zh-HK', '發卡機構拒絕了此卡。'],
    ['zh-CN', '发卡机构拒绝了此卡。'],
  ])("a failed token's error_msg, asked in %s", async (lang, message) => {
    await expect(failedTokenMessage(lang)).resolves.toBe(message);
  });

  it("a scenario's failure too", async () => {
    server.use(...createGatewayHandlers({ baseUrl: TEST_BASE_URL, scenario: 'server-error' }));
    const response = await fetch(`${API}${tokensPath(DEMO_CUSTOMER.uuid)}`, {
      headers: langHeader('zh-HK'),
    });
    expect(response.status).toBe(500);
    await expect(response.json()).resolves.toMatchObject({ error_message: '伺服器內部錯誤。' });
  });
});
