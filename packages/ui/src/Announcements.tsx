import { Fragment, useCallback, useState } from 'react';

export interface Announcer {
  status: string;
  alert: string;
  /** Counts announcements, so the same words said twice are announced twice. */
  sequence: number;
  /** A polite announcement of a success ("… is now your default card."). */
  announce: (text: string) => void;
  /** An assertive announcement of a failure ("Could not remove …"). */
  fail: (text: string) => void;
}

/** State for one pair of live regions; the latest outcome replaces the previous one. */
export function useAnnouncer(): Announcer {
  const [state, setState] = useState({ status: '', alert: '', sequence: 0 });
  const announce = useCallback(
    (text: string) =>
      setState(({ sequence }) => ({ status: text, alert: '', sequence: sequence + 1 })),
    [],
  );
  const fail = useCallback(
    (text: string) =>
      setState(({ sequence }) => ({ status: '', alert: text, sequence: sequence + 1 })),
    [],
  );
  return { ...state, announce, fail };
}

export interface AnnouncementsProps extends Pick<Announcer, 'status' | 'alert'> {
  /** `Announcer.sequence`: a new value replaces the text node, so repeated words are re-announced. */
  sequence?: number;
}

/**
 * The live regions: `role="status"` (polite) for outcomes and `role="alert"` for failures. Both
 * are rendered from the start, so screen readers announce every change of their text.
 * @selector [data-slot="saved-card-status"]
 * @selector [data-slot="saved-card-alert"]
 */
export function Announcements({ status, alert, sequence = 0 }: AnnouncementsProps) {
  return (
    <>
      <p role="status" data-slot="saved-card-status">
        <Fragment key={sequence}>{status}</Fragment>
      </p>
      <p role="alert" data-slot="saved-card-alert">
        <Fragment key={sequence}>{alert}</Fragment>
      </p>
    </>
  );
}
