// A fake sign-in, standing in for the merchant's real session (as examples/checkout/server does):
// GET /api/session sets an HttpOnly cookie that signs the visitor in as the one demo user. The cookie
// is `<user id>.<HMAC>`, so the browser cannot pick another user by editing it.
// Server only: imported by the page (a Server Component) and the route handlers.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'demo_session';

/** The merchant's user, as its own database knows it. `id` is the reference number at Wonder. */
export interface DemoUser {
  id: string;
  name: string;
  phone: string;
  dialCode: string;
  email: string;
}

// The one user of this demo. Its id is the mock gateway's seeded customer (DEMO_CUSTOMER in
// @savedcards/msw), so the page starts with saved cards; on Wonder's sandbox it is created on first use.
const DEMO_USER: DemoUser = {
  id: process.env.DEMO_CUSTOMER_REFERENCE ?? 'demo-customer-1',
  name: 'Tai Man Chan',
  phone: '91234567',
  dialCode: '+852',
  email: 'taiman.chan@example.com',
};

const SECRET_KEY = Symbol.for('savedcards.next-app.sessionSecret');

/** DEMO_SESSION_SECRET, or a random secret per server process (sessions end with the process). */
function secret(): Buffer {
  const store = globalThis as typeof globalThis & { [SECRET_KEY]?: Buffer };
  store[SECRET_KEY] ??= process.env.DEMO_SESSION_SECRET
    ? Buffer.from(process.env.DEMO_SESSION_SECRET)
    : randomBytes(32);
  return store[SECRET_KEY];
}

function sign(userId: string): string {
  return createHmac('sha256', secret()).update(userId).digest('base64url');
}

/** The cookie value that signs the demo user in. */
export function signIn(): string {
  return `${DEMO_USER.id}.${sign(DEMO_USER.id)}`;
}

/** The signed-in user for a cookie value, or `null`. */
export function readSession(value: string | undefined): DemoUser | null {
  if (!value) return null;
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return null;
  const userId = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(sign(userId));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return userId === DEMO_USER.id ? DEMO_USER : null;
}

/** The `demo_session` cookie out of a `Cookie` request header. */
export function sessionFromCookieHeader(header: string | null): DemoUser | null {
  for (const part of (header ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return readSession(decodeURIComponent(rest.join('=')));
  }
  return null;
}
