import type { AddCardFinished, NewCardInput } from '@savedcards/core';
import {
  type UseAddCardOptions,
  useAddCard,
  usePaymentTokens,
  useVerificationWindow,
  type VerificationMode,
} from '@savedcards/react';
import { Dialog } from 'radix-ui';
import { type ReactElement, useEffect, useRef, useState } from 'react';
import { Announcements, useAnnouncer } from '../Announcements.js';
import { MessagesContext, type SavedCardsMessages, useMessages } from '../messages.js';
import { CardForm } from './CardForm.js';

export type { VerificationMode } from '@savedcards/react';

export interface AddCardFlowProps extends UseAddCardOptions {
  /**
   * Where the cardholder passes 3-D Secure: a popup (opened during the click, with a fallback
   * button if the browser blocks it), an iframe inside the dialog, or a full-page redirect (the
   * flow resumes when the page loads again). Default `'popup'`.
   */
  verification?: VerificationMode;
  /**
   * Origins other than `https:` ones whose verify URLs may be opened: for development only, e.g.
   * `[window.location.origin]` on `http://localhost`. Nothing else but `https:` is ever opened.
   */
  allowedVerifyOrigins?: readonly string[];
  /**
   * Hosts an `https:` verify URL may be on. Default: Wonder's (`DEFAULT_VERIFY_HOSTS` from
   * `@savedcards/core`); pass `WONDER_VERIFY_HOSTS.production` to allow production's only.
   */
  verifyHosts?: readonly string[];
  /** Offer "Make this my default card". Default true. */
  offerDefault?: boolean;
  /** Called with the new token once the card is saved (after 3-D Secure if it was needed). */
  onSuccess?: (token: string) => void;
  /** Your own trigger button (rendered with Radix `asChild`). Default: "Add a card". */
  trigger?: ReactElement;
  /** Override any visible or announced string. */
  messages?: Partial<SavedCardsMessages>;
}

const ACTIVE = new Set(['creating', 'requires_verification', 'verifying', 'polling']);

/**
 * Add a card: a trigger and a dialog with the card form, then 3-D Secure. Every end is announced:
 * saved, declined, timed out or cancelled. The form is cleared after success, cancel and unmount.
 * The flow is `useAddCard` and the challenge window `useVerificationWindow`; this component only
 * renders them. **Experimental:** `encryption="secure-data"` seals the card in the browser so your
 * server receives only ciphertext (needs the proxy's `secureData` option); default `'none'`.
 * @selector [data-slot="saved-card-dialog"][data-variant="add-card"]
 */
export function AddCardFlow({
  verification = 'popup',
  allowedVerifyOrigins,
  verifyHosts,
  offerDefault = true,
  onSuccess,
  trigger,
  messages: overrides,
  ...flowOptions
}: AddCardFlowProps) {
  const messages = useMessages(overrides);
  const announcer = useAnnouncer();
  const [open, setOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const clearForm = () => setFormKey((key) => key + 1);

  // Ends: announce, clear what was typed, and close or keep the dialog.
  const onFinished = (state: AddCardFinished) => {
    if (state.status === 'success') {
      announcer.announce(messages.cardAdded(state.card ?? { brand: 'unknown', last4: null }));
      setOpen(false);
      clearForm();
      onSuccess?.(state.token);
      flow.reset();
    } else if (state.status === 'cancelled') {
      announcer.announce(messages.addCancelled);
      setOpen(false);
      clearForm();
      flow.reset();
    } else if (state.status === 'timed_out' || state.reason !== 'create_error') {
      clearForm(); // a create error keeps what was typed, to fix and send again
    }
    flowOptions.onFinished?.(state);
  };
  const flow = useAddCard({ ...flowOptions, onFinished });
  const { state, cancel } = flow;
  const window3ds = useVerificationWindow(flow, {
    mode: verification,
    allowedVerifyOrigins,
    verifyHosts,
    title: messages.verificationFrameTitle,
    placeholder: messages.verifying,
  });
  const { data: savedCards } = usePaymentTokens();
  const active = ACTIVE.has(state.status);

  // A verification in progress shows the dialog, also after a full-page redirect came back.
  const waiting = state.status === 'verifying' || state.status === 'polling';
  useEffect(() => {
    if (waiting) setOpen(true);
  }, [waiting]);

  function submit(card: NewCardInput, options: { setAsDefault: boolean }) {
    announcer.clear(); // the last attempt's outcome no longer applies
    void flow.submit(card, options);
  }

  // After a failed attempt the form is back: focus goes to its first field to fix (the number,
  // unless the gateway's error names another), not to the dialog box.
  const content = useRef<HTMLDivElement>(null);
  const failed = state.status === 'failed' || state.status === 'timed_out';
  useEffect(() => {
    if (!failed) return;
    const form = content.current;
    const field =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('input');
    field?.focus();
  }, [failed]);

  let failure = '';
  if (state.status === 'failed') {
    failure = messages.addFailed(state.reason, state.error, state.errorMessage);
  } else if (state.status === 'timed_out') {
    failure = messages.addTimedOut;
  }
  const { view, frameProps } = window3ds;

  return (
    <MessagesContext.Provider value={messages}>
      <Dialog.Root
        open={open}
        onOpenChange={(next) => {
          if (!next && active) {
            cancel();
          }
          if (!next) {
            clearForm();
            // A failure shown in the dialog ends with it: reopening starts clean.
            if (failed) flow.reset();
          } else {
            announcer.clear();
          }
          setOpen(next);
        }}
      >
        <Dialog.Trigger asChild>
          {trigger ?? (
            <button type="button" data-slot="button" data-action="add-card" lang={messages.locale}>
              {messages.addCard}
            </button>
          )}
        </Dialog.Trigger>
        <Dialog.Portal>
          <Dialog.Overlay data-slot="saved-card-dialog-overlay" />
          <Dialog.Content
            data-slot="saved-card-dialog"
            data-variant="add-card"
            ref={content}
            lang={messages.locale}
            data-state-flow={state.status}
          >
            <Dialog.Title data-slot="saved-card-dialog-title">{messages.addCardTitle}</Dialog.Title>
            <Dialog.Description data-slot="saved-card-dialog-description">
              {messages.addCardDescription}
            </Dialog.Description>
            <p role="alert" data-slot="saved-card-alert">
              {failure}
            </p>
            {state.status === 'requires_verification' ||
            state.status === 'verifying' ||
            state.status === 'polling' ? (
              <div data-slot="add-card-verification">
                <p role="status" data-slot="saved-card-status">
                  {view === 'redirect'
                    ? messages.redirecting
                    : view === 'popup' ||
                        (verification === 'popup' &&
                          view === 'none' &&
                          state.status === 'requires_verification')
                      ? messages.verifyInPopup
                      : messages.verifying}
                </p>
                {frameProps ? <iframe data-slot="add-card-frame" {...frameProps} /> : null}
                {view === 'blocked' ? (
                  <>
                    <p>{messages.popupBlocked}</p>
                    <button
                      type="button"
                      data-slot="button"
                      data-variant="primary"
                      onClick={window3ds.openPopup}
                    >
                      {messages.openVerification}
                    </button>
                  </>
                ) : null}
                <div data-slot="saved-card-dialog-actions">
                  <button type="button" data-slot="button" onClick={cancel}>
                    {messages.cancel}
                  </button>
                </div>
              </div>
            ) : (
              <CardForm
                key={formKey}
                onSubmit={submit}
                submitting={state.status === 'creating'}
                offerDefault={offerDefault}
                savedCards={savedCards}
                footer={
                  <Dialog.Close asChild>
                    <button type="button" data-slot="button">
                      {messages.cancel}
                    </button>
                  </Dialog.Close>
                }
              />
            )}
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
      <Announcements
        status={announcer.status}
        alert={announcer.alert}
        sequence={announcer.sequence}
      />
    </MessagesContext.Provider>
  );
}

AddCardFlow.Form = CardForm;
