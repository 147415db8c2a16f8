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

function originOf(value: string | null): string | undefined {
  if (value === null || value === '') return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return 'null';
  }
}

/**
 * Same-origin (CSRF), checked before the session so a forged request never reaches
 * `resolveCustomer`:
 * - the marker `X-Requested-With: savedcards`, which a cross-site page cannot send without a CORS
 *   preflight (this proxy never grants one); `Sec-Fetch-Site: cross-site` is refused too;
 * - and, where the browser says where the request comes from (`Origin`, else `Referer`), that
 *   origin must be one of `allowedOrigins`, by default the request's own host. This holds even
 *   behind a permissive CORS layer that would let the marker through.
 */
export function checkSameOrigin(
  request: Request,
  allowedOrigins?: readonly string[],
): ProxyAnswer | undefined {
  if (
    request.headers.get(CSRF_HEADER) !== CSRF_HEADER_VALUE ||
    request.headers.get('Sec-Fetch-Site') === 'cross-site'
  ) {
    return refuse('csrf', { level: 'warn' });
  }
  const from = originOf(request.headers.get('Origin')) ?? originOf(request.headers.get('Referer'));
  if (from === undefined) return undefined;
  const allowed = allowedOrigins
    ? allowedOrigins.includes(from)
    : from !== 'null' && new URL(from).host === new URL(request.url).host;
  return allowed ? undefined : refuse('csrf', { level: 'warn' });
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
