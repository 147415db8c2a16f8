import { useEffect, useRef } from 'react';

// Typed here, so the copied source (the shadcn registry) compiles without @types/node.
declare const process: { env: { NODE_ENV?: string } } | undefined;

/**
 * Warns in development when a component switches between controlled and uncontrolled (its value
 * prop goes from `undefined` to defined or back), as React's inputs and Radix's
 * `useControllableState` do: the component cannot tell which value to trust after the switch.
 * `process.env.NODE_ENV` is left for the app's bundler to replace (as radix-ui and TanStack Query
 * do), so production bundles drop the warning and its text.
 */
export function useControlledSwitchWarning(isControlled: boolean, caller: string): void {
  const wasControlled = useRef(isControlled);
  useEffect(() => {
    if (typeof process === 'undefined' || process.env.NODE_ENV !== 'production') {
      if (wasControlled.current !== isControlled) {
        const from = wasControlled.current ? 'controlled' : 'uncontrolled';
        const to = isControlled ? 'controlled' : 'uncontrolled';
        console.warn(
          `${caller} is changing from ${from} to ${to}. Components should not switch from controlled to uncontrolled (or vice versa). Decide between using a controlled or uncontrolled value for the lifetime of the component.`,
        );
      }
      wasControlled.current = isControlled;
    }
  }, [isControlled, caller]);
}
