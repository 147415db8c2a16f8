import type { WonderEnvironment } from '@savedcards/wire';
import { WONDER_ENVIRONMENTS } from '@savedcards/wire';

/** Where requests go: one of Wonder's environments, or any base URL (a mock, a recording proxy). */
export interface UpstreamTarget {
  environment?: WonderEnvironment;
  /** Absolute `http(s)` URL, no query. Pass either this or `environment`, not both. */
  baseUrl?: string;
}

/** The base URL (no trailing slash) for `environment` or `baseUrl`; throws a clear error otherwise. */
export function resolveBaseUrl(target: UpstreamTarget, who: string): string {
  const { environment, baseUrl } = target;
  if (environment !== undefined && baseUrl !== undefined) {
    throw new TypeError(`${who}: pass either \`environment\` or \`baseUrl\`, not both.`);
  }
  if (baseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new TypeError(`${who}: \`baseUrl\` must be an absolute URL, got "${baseUrl}".`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new TypeError(`${who}: \`baseUrl\` must be an http(s) URL, got "${baseUrl}".`);
    }
    if (url.search || url.hash) {
      throw new TypeError(`${who}: \`baseUrl\` must not have a query or a fragment.`);
    }
    return url.href.replace(/\/+$/, '');
  }
  if (environment === undefined) {
    throw new TypeError(
      `${who}: \`environment\` ('sandbox' or 'production') or \`baseUrl\` is required.`,
    );
  }
  if (!Object.hasOwn(WONDER_ENVIRONMENTS, environment)) {
    throw new TypeError(
      `${who}: \`environment\` must be 'sandbox' or 'production', got "${String(environment)}".`,
    );
  }
  return WONDER_ENVIRONMENTS[environment];
}
