// Type tests: checked by `tsc` (CI's typecheck step), never run.
import type { GatewayError } from '@savedcards/core';
import { expectTypeOf } from 'vitest';
import {
  useCustomer,
  useDeletePaymentToken,
  usePaymentTokens,
  useSetDefaultPaymentToken,
  useUpsertCustomer,
} from './index.js';

export function useErrorTypes() {
  expectTypeOf(useCustomer().error).toEqualTypeOf<GatewayError | null>();
  expectTypeOf(usePaymentTokens().error).toEqualTypeOf<GatewayError | null>();
  expectTypeOf(
    usePaymentTokens({ select: (cards) => cards.length }).error,
  ).toEqualTypeOf<GatewayError | null>();
  expectTypeOf(useSetDefaultPaymentToken().error).toEqualTypeOf<GatewayError | null>();
  expectTypeOf(useDeletePaymentToken().error).toEqualTypeOf<GatewayError | null>();
  expectTypeOf(useUpsertCustomer().error).toEqualTypeOf<GatewayError | null>();

  // The documented pattern compiles: the error's own fields, without a cast.
  const { error } = usePaymentTokens();
  if (error) {
    expectTypeOf(error.message).toEqualTypeOf<string>();
    expectTypeOf(error.requestId).toEqualTypeOf<string | undefined>();
  }
}
