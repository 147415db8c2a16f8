// The checkout page: a Server Component. It signs the visitor in (fake session), prefetches the
// customer and their saved cards on the server through the signing proxy, and hands them to the
// client components with <HydrationBoundary>: the HTML already lists the cards and the browser makes
// no read request on load.
import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { prefetchSavedCards } from '../lib/prefetch';
import { readSession, SESSION_COOKIE } from '../lib/session';
import { customerUuidFor, serverGatewayClient } from '../lib/wonder';
import { CheckoutCards } from './checkout-cards';

export const dynamic = 'force-dynamic';

export default async function CheckoutPage() {
  const cookieStore = await cookies();
  const user = readSession(cookieStore.get(SESSION_COOKIE)?.value);
  if (!user) redirect('/api/session?next=/');

  const customerUuid = await customerUuidFor(user);
  const client = serverGatewayClient(cookieStore.toString());
  const queryClient = new QueryClient();
  // The hooks' own query options (@savedcards/react/options), so the browser does not read again.
  await prefetchSavedCards(queryClient, client, customerUuid);

  return (
    <main>
      <h1>Checkout</h1>
      <p>Signed in as {user.name}.</p>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <CheckoutCards customerUuid={customerUuid} />
      </HydrationBoundary>
    </main>
  );
}
