// The demo's fake sign-in: sets the session cookie (HttpOnly, SameSite=Lax) and goes back to `next`.
// A real app has its own login; the proxy and the page only ever read the session.
import { NextResponse } from 'next/server';
import { SESSION_COOKIE, signIn } from '../../../lib/session';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  const url = new URL(request.url);
  const next = url.searchParams.get('next') ?? '/';
  // Only same-site paths: no open redirect.
  const target = next.startsWith('/') && !next.startsWith('//') ? next : '/';
  const response = NextResponse.redirect(new URL(target, url), 303);
  response.cookies.set(SESSION_COOKIE, signIn(), {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: url.protocol === 'https:',
  });
  return response;
}
