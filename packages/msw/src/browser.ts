import { setupWorker } from 'msw/browser';
import type { SetupWorker } from 'msw/browser';
import type { GatewayHandlersOptions } from './handlers.js';
import { createGatewayHandlers } from './handlers.js';

export { setupWorker };
export type { SetupWorker };

export interface StartGatewayWorkerOptions extends GatewayHandlersOptions {
  /** Where `mockServiceWorker.js` is served. Default msw's `/mockServiceWorker.js`. */
  serviceWorkerUrl?: string;
  /** Silence msw's console messages. */
  quiet?: boolean;
}

/**
 * Starts msw's service worker answering as the mock gateway (demo pages, Storybook without the addon).
 * Requests it does not handle go to the network (`onUnhandledRequest: 'bypass'`). Resolves to the
 * started worker, so `worker.use()`, `worker.resetHandlers()` and `worker.stop()` are available.
 */
export async function startGatewayWorker(options: StartGatewayWorkerOptions): Promise<SetupWorker> {
  const { serviceWorkerUrl, quiet, ...handlerOptions } = options;
  const worker = setupWorker(...createGatewayHandlers(handlerOptions));
  await worker.start({
    onUnhandledRequest: 'bypass',
    ...(serviceWorkerUrl === undefined ? {} : { serviceWorker: { url: serviceWorkerUrl } }),
    ...(quiet === undefined ? {} : { quiet }),
  });
  return worker;
}
