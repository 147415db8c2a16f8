/**
 * `@savedcards/react/options`: the query and mutation options alone, without hooks, context or
 * `'use client'`, for code that runs on the server: prefetching in a Server Component or a loader
 * (`queryClient.prefetchQuery(paymentTokensQueryOptions(client, uuid))`, then `dehydrate`), route
 * handlers, tests. The keys are the ones the hooks use, so a prefetched query is not read again.
 */
export type { TokenVariables } from './mutations.js';
export {
  createPaymentTokenMutationOptions,
  deletePaymentTokenMutationOptions,
  setDefaultPaymentTokenMutationOptions,
  upsertCustomerMutationOptions,
} from './mutations.js';
export type { ReadOptions } from './queries.js';
export {
  customerQueryOptions,
  paymentTokensQueryOptions,
  tokenStatusQueryOptions,
} from './queries.js';
