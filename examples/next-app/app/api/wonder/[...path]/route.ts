// The signing proxy from @savedcards/server as a Route Handler: the browser's /api/wonder/… requests
// are checked (route allow-list, CSRF marker, the session's customer only), signed with the merchant's
// private key and forwarded to Wonder (here: the mock gateway at WONDER_BASE_URL).
import { wonderProxy } from '../../../../lib/wonder';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const handle = (request: Request) => wonderProxy()(request);

export { handle as DELETE, handle as GET, handle as POST };
