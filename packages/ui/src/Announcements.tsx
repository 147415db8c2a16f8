import { Fragment, useCallback, useState } from 'react';

export interface Announcer {
  status: string;
  alert: string;
  /** Counts announcements, so the same words said twice are announced twice. */
  sequence: number;
  /**
   * A polite announcement of a success ("… is now your default card."). `append`: it follows from
   * the previous outcome (a promotion after a removal), so it is said after it, not instead of it.
   */
  announce: (text: string, options?: AnnounceOptions) => void;
  /** An assertive announcement of a failure ("Could not remove …"). */
  fail: (text: string, options?: AnnounceOptions) => void;
  /** Empties both regions (a new attempt starts: old outcomes no longer apply). */
  clear: () => void;
}

export interface AnnounceOptions {
  /** Add the text after the region's current text instead of replacing it. */
  append?: boolean;
}

/**
 * State for one pair of live regions. A new outcome replaces the previous one; one announced with
 * `append` is added after it, so both outcomes of one action are heard, in order.
 */
export function useAnnouncer(): Announcer {
  const [state, setState] = useState({ status: '', alert: '', sequence: 0 });
  const say = useCallback(
    (region: 'status' | 'alert', text: string, options?: AnnounceOptions) =>
      setState((previous) => {
        const before = options?.append ? `${previous.status} ${previous.alert}`.trim() : '';
        const next = { status: '', alert: '', sequence: previous.sequence + 1 };
        next[region] = before ? `${before} ${text}` : text;
        return next;
      }),
    [],
  );
  const announce = useCallback(
    (text: string, options?: AnnounceOptions) => say('status', text, options),
    [say],
  );
  const fail = useCallback(
    (text: string, options?: AnnounceOptions) => say('alert', text, options),
    [say],
  );
  const clear = useCallback(
    () =>
      setState((previous) =>
        previous.status || previous.alert
          ? { status: '', alert: '', sequence: previous.sequence + 1 }
          : previous,
      ),
    [],
  );
  return {
    status: state.status,
    alert: state.alert,
    sequence: state.sequence,
    announce,
    fail,
    clear,
  };
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
