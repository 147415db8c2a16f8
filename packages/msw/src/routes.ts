import {
  GATEWAY_ROUTES as WIRE_ROUTES,
  type GatewayOperation,
  OPENAPI_PREFIX,
  paymentGatewayPaths,
} from '@savedcards/wire';
import type { PaymentOperation } from './payments.js';

export { OPENAPI_PREFIX };

export interface GatewayRoute {
  operation: GatewayOperation;
  method: 'get' | 'post' | 'delete';
  /** msw path pattern below `${baseUrl}${OPENAPI_PREFIX}`. */
  path: string;
  /** Whether the operation reads a JSON body. */
  hasBody: boolean;
}

/**
 * The Customer Management routes (`@savedcards/wire`'s allow-list) as msw patterns. Anything else
 * under the prefix falls through.
 */
export const GATEWAY_ROUTES: readonly GatewayRoute[] = WIRE_ROUTES.map((route) => ({
  operation: route.operation,
  method: route.method === 'GET' ? 'get' : route.method === 'POST' ? 'post' : 'delete',
  path: route.template.replace('{uuid}', ':uuid'),
  hasBody: route.hasBody,
}));

/** Wonder's payment routes the mock serves (issue 16), below `${baseUrl}${OPENAPI_PREFIX}`. */
export interface PaymentGatewayRoute {
  operation: PaymentOperation;
  method: 'post';
  path: string;
}

const below = (path: string) => path.slice(OPENAPI_PREFIX.length);

export const PAYMENT_GATEWAY_ROUTES: readonly PaymentGatewayRoute[] = [
  { operation: 'openPayments', method: 'post', path: below(paymentGatewayPaths.openPayments()) },
  { operation: 'checkOrder', method: 'post', path: below(paymentGatewayPaths.checkOrder()) },
];
