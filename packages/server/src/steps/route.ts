import type { GatewayRoute } from '@savedcards/wire';
import { CSRF_HEADER, CSRF_HEADER_VALUE, matchGatewayRoute } from '@savedcards/wire';
import type { ProxyAnswer } from './answer.js';
import { refuse } from './answer.js';

/** The route step's result: which allow-listed operation a request is. */
export interface MatchedRoute {
  route: GatewayRoute;
  /** The request URL (its query is read by the body step: `token_type`). */
  url: URL;
  /** The path below the mount path and Wonder's prefix: `/customers/{uuid}/payment_tokens`. */
  path: string;
  /** The customer uuid in the path, if the route has one. */
  pathUuid: string | undefined;
}

/**
 * The route step: the path must be under `prefix` (mount path + Wonder's OpenAPI prefix) and match
 * wire's allow-list (`GATEWAY_ROUTES`), else 404; a known path with another method is 405 with `Allow`.
 */
export function matchRoute(prefix: string, request: Request): MatchedRoute | ProxyAnswer {
  const url = new URL(request.url);
  if (!url.pathname.startsWith(`${prefix}/`)) return refuse('notFound');
  const path = url.pathname.slice(prefix.length);
  const match = matchGatewayRoute(path);
  if (!match) return refuse('notFound');
  const method = request.method.toUpperCase();
  const route = match.routes.find((candidate) => candidate.method === method);
  if (!route) {
    return refuse('methodNotAllowed', {
      headers: { Allow: match.routes.map((candidate) => candidate.method).join(', ') },
    });
  }
  return { route, url, path, pathUuid: match.uuid };
}

/**
 * Same-origin marker (CSRF): a cross-site page cannot send `X-Requested-With: savedcards` without a
 * CORS preflight, which this proxy never grants; `Sec-Fetch-Site: cross-site` is refused too.
 * Checked before the session, so a forged request never reaches `resolveCustomer`.
 */
export function checkSameOrigin(request: Request): ProxyAnswer | undefined {
  if (
    request.headers.get(CSRF_HEADER) !== CSRF_HEADER_VALUE ||
    request.headers.get('Sec-Fetch-Site') === 'cross-site'
  ) {
    return refuse('csrf', { level: 'warn' });
  }
  return undefined;
}

/** Whether a path (or absolute URL) is under `mountPath`, i.e. the proxy's to answer. */
export function handlesPath(mountPath: string, pathOrUrl: string): boolean {
  let path = pathOrUrl;
  if (!path.startsWith('/')) {
    try {
      path = new URL(pathOrUrl).pathname;
    } catch {
      return false;
    }
  }
  path = path.split(/[?#]/, 1)[0] ?? '';
  return mountPath === '' || path === mountPath || path.startsWith(`${mountPath}/`);
}
