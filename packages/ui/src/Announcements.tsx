import { useCallback, useState } from 'react';

export interface Announcer {
  status: string;
  alert: string;
  /** A polite announcement of a success ("… is now your default card."). */
  announce: (text: string) => void;
  /** An assertive announcement of a failure ("Could not remove …"). */
  fail: (text: string) => void;
}

/** State for one pair of live regions; the latest outcome replaces the previous one. */
export function useAnnouncer(): Announcer {
  const [state, setState] = useState({ status: '', alert: '' });
  const announce = useCallback((text: string) => setState({ status: text, alert: '' }), []);
  const fail = useCallback((text: string) => setState({ status: '', alert: text }), []);
  return { ...state, announce, fail };
}

/**
 * The live regions: `role="status"` (polite) for outcomes and `role="alert"` for failures. Both
 * are rendered from the start, so screen readers announce every change of their text.
 * @selector [data-slot="saved-card-status"]
 * @selector [data-slot="saved-card-alert"]
 */
export function Announcements({ status, alert }: Pick<Announcer, 'status' | 'alert'>) {
  return (
    <>
      <p role="status" data-slot="saved-card-status">
        {status}
      </p>
      <p role="alert" data-slot="saved-card-alert">
        {alert}
      </p>
    </>
  );
}
