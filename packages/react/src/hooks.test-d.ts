// Type tests: checked by `tsc` (CI's typecheck step), never run.
import {
  type Customer,
  type SavedCard,
  selectUsableCards,
  type TokenLifecycleState,
} from '@savedcards/core';
import { expectTypeOf } from 'vitest';
import {
  useAddCard,
  useCustomer,
  useDeletePaymentToken,
  usePaymentTokens,
  useSetDefaultPaymentToken,
  useTokenStatus,
  useVerificationWindow,
  type VerificationView,
} from './index.js';

export function useHookTypes() {
  expectTypeOf(useCustomer().data).toEqualTypeOf<Customer | undefined>();
  expectTypeOf(usePaymentTokens().data).toEqualTypeOf<SavedCard[] | undefined>();
  expectTypeOf(usePaymentTokens({ select: selectUsableCards }).data).toEqualTypeOf<
    SavedCard[] | undefined
  >();
  expectTypeOf(usePaymentTokens({ select: (cards) => cards.length }).data).toEqualTypeOf<
    number | undefined
  >();
  // @ts-expect-error: a token list filter takes known token types only
  usePaymentTokens({ tokenType: ['bitcoin'] });

  expectTypeOf(useSetDefaultPaymentToken().mutateAsync)
    .parameter(0)
    .toEqualTypeOf<{ token: string }>();
  expectTypeOf(useSetDefaultPaymentToken().mutateAsync).returns.resolves.toEqualTypeOf<Customer>();
  expectTypeOf(useDeletePaymentToken().mutateAsync).returns.resolves.toEqualTypeOf<void>();

  const flow = useAddCard();
  expectTypeOf(flow.state).toEqualTypeOf<TokenLifecycleState>();
  // @ts-expect-error: a card needs its number, expiry and holder name
  flow.submit({ number: '4242424242424242' });
  expectTypeOf(flow.submit).returns.resolves.toEqualTypeOf<void>();
  const verification = useVerificationWindow(flow, { mode: 'iframe' });
  expectTypeOf(verification.view).toEqualTypeOf<VerificationView>();
  // @ts-expect-error: the verification modes are popup, iframe and redirect
  useVerificationWindow(flow, { mode: 'tab' });
  // A token without a verify uuid is checked alone.
  useTokenStatus('t');
  expectTypeOf(useTokenStatus('t', 'v').status).toEqualTypeOf<
    'idle' | 'polling' | 'success' | 'failed' | 'timed_out' | 'cancelled'
  >();
}
