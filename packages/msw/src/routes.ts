import type { GatewayOperation } from './scenarios.js';

/** Every signed OpenAPI path starts with this (GATEWAY.md §1). */
export const OPENAPI_PREFIX = '/svc/payment/api/v1/openapi';

export interface GatewayRoute {
  operation: GatewayOperation;
  method: 'get' | 'post' | 'delete';
  /** msw path pattern below `${baseUrl}${OPENAPI_PREFIX}`. */
  path: string;
  /** Whether the operation reads a JSON body. */
  hasBody: boolean;
}

/** The Customer Management routes (GATEWAY.md §4, §5). Anything else under the prefix falls through. */
export const GATEWAY_ROUTES: readonly GatewayRoute[] = [
  { operation: 'upsertCustomer', method: 'post', path: '/customers', hasBody: true },
  { operation: 'getCustomer', method: 'get', path: '/customers/:uuid', hasBody: false },
  {
    operation: 'listTokens',
    method: 'get',
    path: '/customers/:uuid/payment_tokens',
    hasBody: false,
  },
  {
    operation: 'createToken',
    method: 'post',
    path: '/customers/:uuid/payment_tokens',
    hasBody: true,
  },
  {
    operation: 'checkToken',
    method: 'post',
    path: '/customers/:uuid/payment_tokens/check',
    hasBody: true,
  },
  {
    operation: 'deleteToken',
    method: 'delete',
    path: '/customers/:uuid/payment_tokens',
    hasBody: true,
  },
];
