import { checkVerifyUrl, type NewCardInput, readThreeDSReturnEvent } from '@savedcards/core';
import { type UseAddCardOptions, useAddCard, usePaymentTokens } from '@savedcards/react';
import { Dialog } from 'radix-ui';
import { type ReactElement, useEffect, useRef, useState } from 'react';
import { Announcements, useAnnouncer } from '../Announcements.js';
import { MessagesContext, type SavedCardsMessages, useMessages } from '../messages.js';
import { CardForm } from './CardForm.js';

export type VerificationMode = 'popup' | 'iframe' | 'redirect';

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
const POPUP_FEATURES = 'popup,width=480,height=720';

/**
 * Add a card: a trigger and a dialog with the card form, then 3-D Secure. Every end is announced:
 * saved, declined, timed out or cancelled. The form is cleared after success, cancel and unmount.
 * @selector [data-slot="saved-card-dialog"][data-variant="add-card"]
 */
export function AddCardFlow({
  verification = 'popup',
  allowedVerifyOrigins,
  offerDefault = true,
  onSuccess,
  trigger,
  messages: overrides,
  ...flowOptions
}: AddCardFlowProps) {
  const messages = useMessages(overrides);
  const flow = useAddCard(flowOptions);
  const { state, verificationOpened, verificationBlocked, verificationReturned } = flow;
  const { rememberForRedirect, reset, cancel } = flow;
  const { data: savedCards } = usePaymentTokens();
  const announcer = useAnnouncer();
  const [open, setOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [popupBlocked, setPopupBlocked] = useState(false);
  const popup = useRef<Window | null>(null);
  const active = ACTIVE.has(state.status);

  const closePopup = () => {
    popup.current?.close();
    popup.current = null;
  };
  const clearForm = () => setFormKey((key) => key + 1);

  function submit(card: NewCardInput, options: { setAsDefault: boolean }) {
    if (verification === 'popup') {
      // Opened now, inside the click, so the browser allows it; filled once the bank's URL is known.
      popup.current = window.open('', 'savedcards-3ds', POPUP_FEATURES);
      if (popup.current) {
        popup.current.document.title = messages.verificationFrameTitle;
        popup.current.document.body.textContent = messages.verifying;
      }
    }
    setPopupBlocked(false);
    void flow.submit(card, options);
  }

  // The token needs 3-D Secure: open its verify URL, if it is one that may be opened. Runs once per
  // state change (opening twice would navigate twice); the props are read as they are then.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the state change on purpose
  useEffect(() => {
    if (state.status !== 'requires_verification') {
      return;
    }
    const checked = checkVerifyUrl(state.verifyUrl, { allowedOrigins: allowedVerifyOrigins });
    if (!checked.ok) {
      closePopup();
      verificationBlocked('unsafe_verify_url');
    } else if (verification === 'redirect') {
      rememberForRedirect();
      verificationOpened();
      window.location.assign(checked.url);
    } else if (verification === 'iframe') {
      verificationOpened();
    } else if (popup.current && !popup.current.closed) {
      popup.current.location.replace(checked.url);
      verificationOpened();
    } else {
      setPopupBlocked(true);
    }
  }, [state]);

  // The return page reports back (popup or iframe), or the popup is closed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closePopup only touches a ref
  useEffect(() => {
    if (state.status !== 'verifying' && state.status !== 'polling') {
      return;
    }
    const onMessage = (event: MessageEvent) => {
      const outcome = readThreeDSReturnEvent(event, { origin: window.location.origin });
      if (outcome) {
        closePopup();
        verificationReturned(outcome);
      }
    };
    window.addEventListener('message', onMessage);
    const watch = setInterval(() => {
      if (popup.current?.closed) {
        popup.current = null;
        verificationReturned('unknown');
      }
    }, 500);
    return () => {
      window.removeEventListener('message', onMessage);
      clearInterval(watch);
    };
  }, [state.status, verificationReturned]);

  // Ends: announce, clear what was typed, and close or keep the dialog. Once per state change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the state change on purpose
  useEffect(() => {
    const card =
      'card' in state && state.card ? state.card : { brand: 'unknown' as const, last4: null };
    if (state.status === 'success') {
      closePopup();
      announcer.announce(messages.cardAdded(card));
      setOpen(false);
      clearForm();
      onSuccess?.(state.token);
      reset();
    } else if (state.status === 'cancelled') {
      closePopup();
      announcer.announce(messages.addCancelled);
      setOpen(false);
      clearForm();
      reset();
    } else if (state.status === 'failed' || state.status === 'timed_out') {
      closePopup();
      if (state.status === 'timed_out' || state.reason !== 'create_error') {
        clearForm();
      }
    } else if (state.status === 'verifying' || state.status === 'polling') {
      setOpen(true); // also after a full-page redirect came back
    }
  }, [state]);

  let failure = '';
  if (state.status === 'failed') {
    failure = messages.addFailed(state.reason, state.error, state.errorMessage);
  } else if (state.status === 'timed_out') {
    failure = messages.addTimedOut;
  }
  const verifyUrl = 'verifyUrl' in state ? state.verifyUrl : undefined;

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
                  {verification === 'redirect'
                    ? messages.redirecting
                    : verification === 'popup' && !popupBlocked && state.status !== 'polling'
                      ? messages.verifyInPopup
                      : messages.verifying}
                </p>
                {verification === 'iframe' &&
                verifyUrl &&
                state.status !== 'requires_verification' ? (
                  <iframe
                    data-slot="add-card-frame"
                    title={messages.verificationFrameTitle}
                    src={verifyUrl}
                  />
                ) : null}
                {verification === 'popup' && popupBlocked && verifyUrl ? (
                  <>
                    <p>{messages.popupBlocked}</p>
                    <button
                      type="button"
                      data-slot="button"
                      data-variant="primary"
                      onClick={() => {
                        popup.current = window.open(verifyUrl, 'savedcards-3ds', POPUP_FEATURES);
                        if (popup.current) {
                          setPopupBlocked(false);
                          verificationOpened();
                        }
                      }}
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
      <Announcements status={announcer.status} alert={announcer.alert} />
    </MessagesContext.Provider>
  );
}

AddCardFlow.Form = CardForm;
