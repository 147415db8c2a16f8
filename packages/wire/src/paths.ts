/**
 * Wonder's routes (GATEWAY.md §1, §4, §5), in one place for the browser client, the signing proxy
 * and the mock gateway. Routes marked *(inferred)* are listed with their evidence in `inferred.ts`.
 */

/** Every signed OpenAPI path starts with this. */
export const OPENAPI_PREFIX = '/svc/payment/api/v1/openapi';

/** Wonder's signature self-test: `POST` `{"message":"Hello,Wonder!"}` is echoed back. */
export const ECHO_PATH = '/svc/payment/api/v1/echo';

const segment = (value: string) => encodeURIComponent(value);

/** Full paths (prefix included) as the browser client and the server-side client send them. */
export const gatewayPaths = {
  /** POST: create or update a customer (idempotent on `reference_number`). */
  customers: () => `${OPENAPI_PREFIX}/customers`,
  /** GET a customer by uuid *(inferred)*. */
  customer: (uuid: string) => `${OPENAPI_PREFIX}/customers/${segment(uuid)}`,
  /** GET (list), POST (create), DELETE (JSON body): payment tokens *(inferred paths)*. */
  paymentTokens: (uuid: string) => `${OPENAPI_PREFIX}/customers/${segment(uuid)}/payment_tokens`,
  /** POST: check a token's state after 3-D Secure. */
  checkPaymentToken: (uuid: string) =>
    `${OPENAPI_PREFIX}/customers/${segment(uuid)}/payment_tokens/check`,
} as const;

/** The customer-management operations: what the proxy forwards and the mock serves. */
export type GatewayOperation =
  | 'upsertCustomer'
  | 'getCustomer'
  | 'listTokens'
  | 'createToken'
  | 'checkToken'
  | 'deleteToken';

export type GatewayMethod = 'GET' | 'POST' | 'DELETE';

export interface GatewayRoute {
  operation: GatewayOperation;
  method: GatewayMethod;
  /** Below `OPENAPI_PREFIX`, with `{uuid}` for the customer: `/customers/{uuid}/payment_tokens`. */
  template: string;
  /** Whether the operation carries a JSON body. */
  hasBody: boolean;
}

/** The allow-list: GATEWAY.md's customer-management routes, nothing else. */
export const GATEWAY_ROUTES: readonly GatewayRoute[] = [
  { operation: 'upsertCustomer', method: 'POST', template: '/customers', hasBody: true },
  { operation: 'getCustomer', method: 'GET', template: '/customers/{uuid}', hasBody: false },
  {
    operation: 'listTokens',
    method: 'GET',
    template: '/customers/{uuid}/payment_tokens',
    hasBody: false,
  },
  {
    operation: 'createToken',
    method: 'POST',
    template: '/customers/{uuid}/payment_tokens',
    hasBody: true,
  },
  {
    operation: 'deleteToken',
    method: 'DELETE',
    template: '/customers/{uuid}/payment_tokens',
    hasBody: true,
  },
  {
    operation: 'checkToken',
    method: 'POST',
    template: '/customers/{uuid}/payment_tokens/check',
    hasBody: true,
  },
];

/** A path segment accepted as a customer uuid. Anything else (encoded slashes, dots) matches nothing. */
const UUID_SEGMENT = '([A-Za-z0-9_-]{1,128})';

function templatePattern(template: string): RegExp {
  return new RegExp(`^${template.replace('{uuid}', UUID_SEGMENT)}$`);
}

export interface GatewayRouteMatch {
  template: string;
  /** The routes with this template, by method. */
  routes: readonly GatewayRoute[];
  /** The customer uuid in the path, if the template has one. */
  uuid: string | undefined;
}

const TEMPLATES = [...new Set(GATEWAY_ROUTES.map((route) => route.template))].map((template) => ({
  template,
  pattern: templatePattern(template),
  routes: GATEWAY_ROUTES.filter((route) => route.template === template),
}));

/** Matches a path below `OPENAPI_PREFIX` (no query) against the allow-list. */
export function matchGatewayRoute(path: string): GatewayRouteMatch | undefined {
  for (const { template, pattern, routes } of TEMPLATES) {
    const match = pattern.exec(path);
    if (match) {
      return { template, routes, uuid: match[1] };
    }
  }
  return undefined;
}
