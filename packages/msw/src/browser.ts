import { setupWorker } from 'msw/browser';
import type { SetupWorker } from 'msw/browser';
import type { GatewayHandlersOptions } from './handlers.js';
import { createGatewayHandlers } from './handlers.js';

export { setupWorker };
export type { SetupWorker };

type StartOptions = NonNullable<Parameters<SetupWorker['start']>[0]>;

/** msw 2 reads `onUnhandledRequest`, msw 3 `onUnhandledFrame`; each ignores the other's option. */
const bypassUnhandled = {
  onUnhandledRequest: 'bypass',
  onUnhandledFrame: 'bypass',
} as unknown as StartOptions;

export interface StartGatewayWorkerOptions extends GatewayHandlersOptions {
  /** Where `mockServiceWorker.js` is served. Default msw's `/mockServiceWorker.js`. */
  serviceWorkerUrl?: string;
  /** Silence msw's console messages. */
  quiet?: boolean;
}

/**
 * Starts msw's service worker answering as the mock gateway (demo pages, Storybook without the addon).
 * Requests it does not handle go to the network (`'bypass'`: msw 2's `onUnhandledRequest`, msw 3's
 * `onUnhandledFrame`). Resolves to the started worker, so `worker.use()`, `worker.resetHandlers()`
 * and `worker.stop()` are available. Works with msw 2.15+ and msw 3.
 */
export async function startGatewayWorker(options: StartGatewayWorkerOptions): Promise<SetupWorker> {
  const { serviceWorkerUrl, quiet, ...handlerOptions } = options;
  const worker = setupWorker(...createGatewayHandlers(handlerOptions));
  await worker.start({
    ...bypassUnhandled,
    ...(serviceWorkerUrl === undefined ? {} : { serviceWorker: { url: serviceWorkerUrl } }),
    ...(quiet === undefined ? {} : { quiet }),
  });
  return worker;
}
