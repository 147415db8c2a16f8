import type { GatewayError } from '@savedcards/core';
import { type UseMutationOptions, useMutation } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import type { TokenVariables } from './mutations.js';

/**
 * `useMutation` for a write on one token, where a second call for a token already being written
 * (a double click) joins the running call instead of sending another request. Every core call
 * rejects with a `GatewayError`, so that is the mutation's `error` type.
 */
export function useTokenMutation<TData, TOnMutateResult>(
  options: UseMutationOptions<TData, GatewayError, TokenVariables, TOnMutateResult>,
) {
  const mutation = useMutation<TData, GatewayError, TokenVariables, TOnMutateResult>(options);
  const running = useRef(new Map<string, Promise<TData>>());
  const { mutateAsync: send } = mutation;
  const mutateAsync = useCallback(
    (variables: TokenVariables): Promise<TData> => {
      const current = running.current.get(variables.token);
      if (current) {
        return current;
      }
      const call = send(variables).finally(() => running.current.delete(variables.token));
      running.current.set(variables.token, call);
      return call;
    },
    [send],
  );
  const mutate = useCallback(
    (variables: TokenVariables) => {
      mutateAsync(variables).catch(() => {
        // The error is on the mutation result (`error`, `isError`).
      });
    },
    [mutateAsync],
  );
  return { ...mutation, mutate, mutateAsync };
}
