import { GATEWAY_LANGS, LANG_HEADER } from '@savedcards/wire';
import type { WonderCallResult, WonderClient } from '../client.js';
import type { Outgoing } from './body.js';

const LANGS: ReadonlySet<string> = new Set(GATEWAY_LANGS);

/**
 * The sign + upstream step: one call to Wonder through the signed client (`client.call` signs the
 * exact path, query and body with `signRequest`, Wonder-RSA-SHA256). Only a valid `x-i18n-lang` of
 * the browser's headers goes along, with the request id; the browser going away aborts the call.
 */
export function sendUpstream(
  client: WonderClient,
  outgoing: Outgoing,
  request: Request,
  requestId: string,
): Promise<WonderCallResult> {
  const lang = request.headers.get(LANG_HEADER);
  return client.call({
    method: outgoing.route.method,
    path: outgoing.path,
    ...(outgoing.body === undefined ? {} : { body: outgoing.body }),
    requestId,
    ...(lang && LANGS.has(lang) ? { lang } : {}),
    signal: request.signal,
  });
}
