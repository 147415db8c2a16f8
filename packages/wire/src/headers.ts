/**
 * The header the signing proxy requires on every call and the browser client always sends: a
 * same-origin (CSRF) marker. A cross-site page cannot send it without a CORS preflight, which the
 * proxy never grants.
 */
export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_HEADER_VALUE = 'savedcards';

/** `x-i18n-lang`: the languages Wonder's gateway answers in. */
export const LANG_HEADER = 'x-i18n-lang';
export const GATEWAY_LANGS = ['en', 'zh-HK', 'zh-CN'] as const;
export type GatewayLang = (typeof GATEWAY_LANGS)[number];
