// Chromium pages on the demo checkout (mock mode, examples/checkout/dist), recording gateway calls.

/** The page's gateway calls as `METHOD /path` (not the simulated bank page's `/__mock__/3ds/…`). */
export function recordGateway(page) {
  const gateway = [];
  page.on('request', (request) => {
    const url = request.url();
    if (url.includes('/api/wonder/') && !url.includes('/__mock__/')) {
      gateway.push(`${request.method()} ${new URL(url).pathname.replace(/^.*\/openapi/, '')}`);
    }
  });
  return gateway;
}

/** The demo's #/manage page once its list has loaded. */
export async function demoPage({ browser, site }, query = '') {
  const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
  const page = await context.newPage();
  const gateway = recordGateway(page);
  await page.goto(`${site.url}${query}#/manage`);
  await page
    .getByRole('button', { name: /^Remove: Mastercard ending in 4444$/ })
    .waitFor({ timeout: 20_000 });
  return { context, page, gateway };
}
