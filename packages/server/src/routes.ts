/** The operations the proxy forwards: GATEWAY.md's customer-management routes, nothing else. */
export type ProxyOperation =
  | 'upsertCustomer'
  | 'getCustomer'
  | 'listTokens'
  | 'createToken'
  | 'checkToken'
  | 'deleteToken';

export type ProxyMethod = 'GET' | 'POST' | 'DELETE';

export interface ProxyRoute {
  /** For logs and docs, below the OpenAPI prefix: `/customers/{uuid}/payment_tokens`. */
  template: string;
  pattern: RegExp;
  methods: Partial<Record<ProxyMethod, ProxyOperation>>;
}

// A path segment the proxy accepts as a customer uuid. Anything else (encoded slashes, dots) is 404.
const UUID_SEGMENT = '([A-Za-z0-9_-]{1,128})';

/** The allow-list (GATEWAY.md §4, §5). */
export const PROXY_ROUTES: readonly ProxyRoute[] = [
  { template: '/customers', pattern: /^\/customers$/, methods: { POST: 'upsertCustomer' } },
  {
    template: '/customers/{uuid}',
    pattern: new RegExp(`^/customers/${UUID_SEGMENT}$`),
    methods: { GET: 'getCustomer' },
  },
  {
    template: '/customers/{uuid}/payment_tokens',
    pattern: new RegExp(`^/customers/${UUID_SEGMENT}/payment_tokens$`),
    methods: { GET: 'listTokens', POST: 'createToken', DELETE: 'deleteToken' },
  },
  {
    template: '/customers/{uuid}/payment_tokens/check',
    pattern: new RegExp(`^/customers/${UUID_SEGMENT}/payment_tokens/check$`),
    methods: { POST: 'checkToken' },
  },
];

export interface RouteMatch {
  route: ProxyRoute;
  /** The customer uuid in the path, if the route has one. */
  uuid: string | undefined;
}

/** Matches a path below the OpenAPI prefix. */
export function matchRoute(path: string): RouteMatch | undefined {
  for (const route of PROXY_ROUTES) {
    const match = route.pattern.exec(path);
    if (match) return { route, uuid: match[1] };
  }
  return undefined;
}

/** Operations that carry a JSON body. */
export const BODY_OPERATIONS: ReadonlySet<ProxyOperation> = new Set([
  'upsertCustomer',
  'createToken',
  'checkToken',
  'deleteToken',
]);
