import { describe, expect, it } from 'vitest';
import { GATEWAY_ROUTES, gatewayPaths, matchGatewayRoute, OPENAPI_PREFIX } from './paths.js';

describe('routes', () => {
  it('matches every route template and reads the uuid', () => {
    const match = matchGatewayRoute('/customers/abc-123/payment_tokens');
    expect(match?.uuid).toBe('abc-123');
    expect(match?.routes.map((route) => route.operation).sort()).toEqual([
      'createToken',
      'deleteToken',
      'listTokens',
    ]);
    expect(matchGatewayRoute('/customers')?.routes[0]?.operation).toBe('upsertCustomer');
  });

  it.each([
    '/customers/a%2Fb',
    '/customers/../x',
    '/customers/a/payment_tokens/',
    '/customers//payment_tokens',
    '/orders',
  ])('matches nothing for %s', (path) => {
    expect(matchGatewayRoute(path)).toBeUndefined();
  });

  it('builds the paths the routes describe', () => {
    const paths = [
      gatewayPaths.customers(),
      gatewayPaths.customer('u'),
      gatewayPaths.paymentTokens('u'),
      gatewayPaths.checkPaymentToken('u'),
    ];
    for (const path of paths) {
      expect(path.startsWith(OPENAPI_PREFIX)).toBe(true);
      expect(matchGatewayRoute(path.slice(OPENAPI_PREFIX.length))).toBeDefined();
    }
    expect(new Set(GATEWAY_ROUTES.map((route) => `${route.method} ${route.template}`)).size).toBe(
      GATEWAY_ROUTES.length,
    );
  });
});
