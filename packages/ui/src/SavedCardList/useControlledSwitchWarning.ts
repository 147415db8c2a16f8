import { useEffect, useRef } from 'react';

/**
 * Warns in development when a component switches between controlled and uncontrolled (its value
 * prop goes from `undefined` to defined or back), as React's inputs and Radix's
 * `useControllableState` do: the component cannot tell which value to trust after the switch.
 */
// Bundlers replace `process.env.NODE_ENV`; where nothing does and there is no `process`, stay quiet.
function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return false;
  }
}

export function useControlledSwitchWarning(isControlled: boolean, caller: string): void {
  const wasControlled = useRef(isControlled);
  useEffect(() => {
    if (wasControlled.current !== isControlled && isDevelopment()) {
      const from = wasControlled.current ? 'controlled' : 'uncontrolled';
      const to = isControlled ? 'controlled' : 'uncontrolled';
      console.warn(
        `${caller} is changing from ${from} to ${to}. Components should not switch from controlled to uncontrolled (or vice versa). Decide between using a controlled or uncontrolled value for the lifetime of the component.`,
      );
    }
    wasControlled.current = isControlled;
  }, [isControlled, caller]);
}
