import type { PaymentFinished } from '@savedcards/core';
import {
  type UsePayWithSavedCardOptions,
  usePaymentTokens,
  usePayWithSavedCard,
  type VerificationMode,
} from '@savedcards/react';
import { Dialog } from 'radix-ui';
import { useEffect, useId } from 'react';
import { Announcements, useAnnouncer } from '../Announcements.js';
import {
  MessagesContext,
  type PaymentAmount,
  type SavedCardsMessages,
  useMessages,
} from '../messages.js';

export interface PayButtonProps extends Omit<UsePayWithSavedCardOptions, 'verification'> {
  /**
   * The chosen card's token (e.g. `SavedCardList`'s `value`). Without one the button is disabled
   * and says why.
   */
  token: string | undefined;
  /**
   * The amount the button shows, from your own order. Display only: what is charged is what your
   * server's `resolveOrder` says, and the success message shows the server's figure.
   */
  amount: PaymentAmount;
  /** Where the cardholder passes 3-D Secure on the payment (as `AddCardFlow`). Default `'popup'`. */
  verification?: VerificationMode;
  /** Origins other than `https:` ones whose bank URLs may be opened (development only). */
  allowedVerifyOrigins?: readonly string[];
  /** Hosts an `https:` bank URL may be on. Default: Wonder's. */
  verifyHosts?: readonly string[];
  /** Override any visible or announced string. */
  messages?: Partial<SavedCardsMessages>;
}

const BUSY = new Set(['paying', 'requires_action', 'verifying', 'checking']);

/**
 * Pays your order with the chosen saved card: the button ("Pay HK$128.00", formatted by `Intl`),
 * the bank's 3-D Secure (popup, iframe dialog or redirect) and every outcome announced. A double
 * click pays once; an answer that was lost is confirmed by reading the order, never by paying
 * again ("Check the payment again" while it stays unknown). The flow is `usePayWithSavedCard`.
 * @selector [data-slot="pay"]
 */
export function PayButton({
  token,
  amount,
  verification = 'popup',
  allowedVerifyOrigins,
  verifyHosts,
  messages: overrides,
  ...options
}: PayButtonProps) {
  const messages = useMessages(overrides);
  const announcer = useAnnouncer();
  const { data: cards } = usePaymentTokens();
  const hintId = useId();

  const onFinished = (state: PaymentFinished) => {
    if (state.status === 'succeeded') {
      const card = cards?.find((saved) => saved.token === state.token);
      announcer.announce(messages.paySucceeded(state.result.order, card));
    } else {
      announcer.fail(messages.payFailed(state.reason, state.error));
    }
    options.onFinished?.(state);
  };
  const flow = usePayWithSavedCard({
    ...options,
    onFinished,
    verification: {
      mode: verification,
      allowedVerifyOrigins,
      verifyHosts,
      title: messages.payVerifyTitle,
      placeholder: messages.payVerifying,
    },
  });
  const { state, verification: window3ds } = flow;
  const busy = BUSY.has(state.status);
  const paid = state.status === 'succeeded';

  useEffect(() => {
    if (state.status === 'unknown') announcer.fail(messages.payUnknown);
    else if (state.status === 'checking') announcer.announce(messages.payChecking);
  }, [state.status, announcer.fail, announcer.announce, messages]);

  const pay = () => {
    if (!token || busy || paid) return;
    announcer.clear();
    void flow.pay(token);
  };

  let label = messages.payButton(amount);
  if (busy) label = messages.paying;
  else if (paid) label = messages.paid;

  return (
    <MessagesContext.Provider value={messages}>
      <div data-slot="pay" data-state-flow={state.status} lang={messages.locale}>
        <button
          type="button"
          data-slot="button"
          data-variant="primary"
          data-action="pay"
          disabled={!token || paid || state.status === 'unknown'}
          aria-disabled={busy || undefined}
          aria-busy={busy || undefined}
          aria-describedby={token ? undefined : hintId}
          onClick={pay}
        >
          {label}
        </button>
        {token ? null : (
          <p id={hintId} data-slot="pay-hint">
            {messages.payChooseCard}
          </p>
        )}
        {window3ds.view === 'popup' ? <p data-slot="pay-hint">{messages.verifyInPopup}</p> : null}
        {window3ds.view === 'redirect' ? <p data-slot="pay-hint">{messages.redirecting}</p> : null}
        {window3ds.view === 'blocked' ? (
          <p data-slot="pay-hint">
            {messages.popupBlocked}{' '}
            <button type="button" data-slot="button" onClick={window3ds.openPopup}>
              {messages.openVerification}
            </button>
          </p>
        ) : null}
        {state.status === 'unknown' ? (
          <button type="button" data-slot="button" onClick={flow.checkAgain}>
            {messages.checkPaymentAgain}
          </button>
        ) : null}
        <Dialog.Root
          open={window3ds.view === 'frame'}
          onOpenChange={(open) => {
            if (!open) flow.cancel();
          }}
        >
          <Dialog.Portal>
            <Dialog.Overlay data-slot="saved-card-dialog-overlay" />
            <Dialog.Content
              data-slot="saved-card-dialog"
              data-variant="pay-verification"
              lang={messages.locale}
            >
              <Dialog.Title data-slot="saved-card-dialog-title">
                {messages.payVerifyTitle}
              </Dialog.Title>
              <Dialog.Description data-slot="saved-card-dialog-description">
                {messages.payVerifying}
              </Dialog.Description>
              {window3ds.frameProps ? (
                <iframe data-slot="add-card-frame" {...window3ds.frameProps} />
              ) : null}
              <div data-slot="saved-card-dialog-actions">
                <Dialog.Close asChild>
                  <button type="button" data-slot="button">
                    {messages.cancel}
                  </button>
                </Dialog.Close>
              </div>
            </Dialog.Content>
          </Dialog.Portal>
        </Dialog.Root>
        <Announcements
          status={announcer.status}
          alert={announcer.alert}
          sequence={announcer.sequence}
        />
      </div>
    </MessagesContext.Provider>
  );
}
