/**
 * The gateway's `verify_url` is untrusted (ARCHITECTURE.md): only a plain `https:` URL is opened,
 * or one on an origin the integrator allow-lists for development (`http://127.0.0.1:5173`).
 */
import { WONDER_VERIFY_HOSTS } from '@savedcards/wire';

/** Every host Wonder's verify URLs may use, sandbox and production (`@savedcards/wire`). */
export const DEFAULT_VERIFY_HOSTS: readonly string[] = [
  ...new Set([...WONDER_VERIFY_HOSTS.sandbox, ...WONDER_VERIFY_HOSTS.production]),
];

export interface VerifyUrlOptions {
  /**
   * Origins (`scheme://host[:port]`) also allowed, for example a local mock over `http:`. Entries
   * that are not `http:`/`https:` origins are ignored.
   */
  allowedOrigins?: readonly string[];
  /**
   * The hosts an `https:` verify URL may be on: exact names, or `*.example.com` for its subdomains
   * (on a dot boundary, so `gateway.wonder.today.evil.example` is not one). Default
   * `DEFAULT_VERIFY_HOSTS` (Wonder's). Pass a shorter list to narrow it (e.g.
   * `WONDER_VERIFY_HOSTS.production`), a longer one to widen it. `allowedOrigins` are allowed as well.
   */
  hosts?: readonly string[];
}

/** Why a verify URL was refused. */
export type VerifyUrlRefusal =
  | 'not-a-string'
  | 'too-long'
  | 'unsafe-characters'
  | 'not-absolute'
  | 'credentials'
  | 'not-allowed'
  /** An internationalised (punycode) host name: look-alikes of real names are refused outright. */
  | 'idn-host';

export type VerifyUrlCheck = { ok: true; url: string } | { ok: false; reason: VerifyUrlRefusal };

const MAX_URL_LENGTH = 2048;
// Whitespace and control characters are silently dropped or trimmed by URL parsers
// (`java\tscript:`), and backslashes read as slashes: a URL that needs them is not taken. Nor are
// invisible formatting characters (zero-width, bidi controls), which make a URL read differently.
const INVISIBLE = /[\s\\\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

function hasUnsafeCharacters(url: string): boolean {
  for (let i = 0; i < url.length; i++) {
    const code = url.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
      return true;
    }
  }
  return INVISIBLE.test(url);
}

function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks a verify URL before it is opened (popup, iframe or redirect). On success `url` is the
 * parsed, normalised href to open. Refused: anything not a string or over 2 048 characters, control
 * characters, spaces or backslashes, relative and protocol-relative URLs (`//host`), user names or
 * passwords in the URL, internationalised (punycode) hosts, `https:` hosts outside `hosts` (default:
 * Wonder's), and every other scheme (`javascript:`, `data:`, `blob:`, `file:`, `http:`…), unless the
 * URL's `http(s)` origin is in `allowedOrigins`.
 */
export function checkVerifyUrl(url: unknown, options: VerifyUrlOptions = {}): VerifyUrlCheck {
  if (typeof url !== 'string') {
    return { ok: false, reason: 'not-a-string' };
  }
  if (url.length > MAX_URL_LENGTH) {
    return { ok: false, reason: 'too-long' };
  }
  if (hasUnsafeCharacters(url)) {
    return { ok: false, reason: 'unsafe-characters' };
  }
  let parsed: URL;
  try {
    // No base: relative and protocol-relative URLs do not parse.
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'not-absolute' };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return { ok: false, reason: 'credentials' };
  }
  const web = parsed.protocol === 'https:' || parsed.protocol === 'http:';
  // `https:host` and `https:///host` parse (to a host), but are not what anyone means by a URL.
  if (web && !/^https?:\/\/[^/]/i.test(url)) {
    return { ok: false, reason: 'not-absolute' };
  }
  if (web && (options.allowedOrigins ?? []).map(originOf).includes(parsed.origin)) {
    return { ok: true, url: parsed.href };
  }
  // The parser writes a non-ASCII host (a Cyrillic look-alike) as punycode.
  if (parsed.hostname.split('.').some((label) => label.startsWith('xn--'))) {
    return { ok: false, reason: 'idn-host' };
  }
  if (
    parsed.protocol === 'https:' &&
    parsed.hostname !== '' &&
    matchesHost(parsed.hostname, options.hosts ?? DEFAULT_VERIFY_HOSTS)
  ) {
    return { ok: true, url: parsed.href };
  }
  return { ok: false, reason: 'not-allowed' };
}

function matchesHost(hostname: string, hosts: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return hosts.some((pattern) => {
    const wanted = pattern.toLowerCase();
    return wanted.startsWith('*.')
      ? host.endsWith(wanted.slice(1)) && host.length > wanted.length - 1
      : host === wanted;
  });
}

/** `true` when `checkVerifyUrl` accepts the URL. */
export function isAllowedVerifyUrl(url: unknown, options: VerifyUrlOptions = {}): boolean {
  return checkVerifyUrl(url, options).ok;
}
