import { type PaymentResult, readPendingPayment, type SavedCard } from '@savedcards/core';
import { useCustomer } from '@savedcards/react';
import { AddCardFlow, PayButton, SavedCardList, useMessages } from '@savedcards/ui';
import { useEffect, useId, useState } from 'react';
import type { AddCardSettings } from './App';
import type { DemoCopy } from './copy';
import { CART_PRICES, type DemoGateway, type DemoOrder } from './gateway';

/** The tab's current order (sessionStorage). */
const ORDER_KEY = 'savedcards-demo:order';

/** How often the receipt asks the merchant whether Wonder's webhook marked the order paid. */
const ORDER_POLL_MS = 500;

export function Checkout({
  addCard,
  copy,
  gateway,
}: {
  addCard: AddCardSettings;
  copy: DemoCopy;
  gateway: DemoGateway;
}) {
  const headingId = useId();
  const summaryId = useId();
  const receiptId = useId();
  const messages = useMessages();
  const customer = useCustomer();
  const [card, setCard] = useState<SavedCard>();
  const [order, setOrder] = useState<DemoOrder>();
  const [orderError, setOrderError] = useState(false);
  const [receipt, setReceipt] = useState<PaymentResult>();
  const [orderStatus, setOrderStatus] = useState<DemoOrder['status']>('unpaid');
  const hkd = new Intl.NumberFormat(document.documentElement.lang || 'en', {
    style: 'currency',
    currency: 'HKD',
  });

  // The merchant creates the order (and prices it) when the checkout opens. The tab keeps its id,
  // so a full-page 3-D Secure redirect comes back to the same order (and resumes its payment).
  const start = (order: DemoOrder) => {
    window.sessionStorage.setItem(ORDER_KEY, order.id);
    setOrder(order);
  };
  const newOrder = () => {
    setReceipt(undefined);
    setOrderStatus('unpaid');
    gateway.createOrder().then(start, () => setOrderError(true));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: one order per visit.
  useEffect(() => {
    const kept = window.sessionStorage.getItem(ORDER_KEY);
    if (!kept) return newOrder();
    // A paid order is done, unless its payment is coming back from the bank (the button resumes it).
    const resuming = readPendingPayment()?.orderId === kept;
    gateway
      .readOrder(kept)
      .then(
        (order) => (order.status === 'unpaid' || resuming ? start(order) : newOrder()),
        newOrder,
      );
  }, []);

  // After paying, the merchant's own records turn `paid` when Wonder's webhook arrives.
  useEffect(() => {
    if (!receipt || !order || orderStatus === 'paid') return;
    const timer = setInterval(() => {
      gateway.readOrder(order.id).then(
        (latest) => setOrderStatus(latest.status),
        () => undefined,
      );
    }, ORDER_POLL_MS);
    return () => clearInterval(timer);
  }, [receipt, order, orderStatus, gateway]);

  return (
    <main className="checkout">
      <header>
        <p className="shop">{copy.shop}</p>
        <h1>{copy.checkout}</h1>
        {customer.data ? <p className="signed-in">{copy.signedInAs(customer.data.name)}</p> : null}
      </header>

      <section aria-labelledby={summaryId} className="panel">
        <h2 id={summaryId}>{copy.summary}</h2>
        <ul className="items">
          {copy.items.map((name, index) => (
            <li key={name}>
              <span>{name}</span>
              <span>{hkd.format(Number(CART_PRICES[index] ?? 0))}</span>
            </li>
          ))}
        </ul>
        <p className="total">
          <span>{copy.total}</span>
          <span>{order ? messages.formatAmount(order) : '…'}</span>
        </p>
        {orderError ? <p role="alert">{copy.orderFailed}</p> : null}
      </section>

      <section aria-labelledby={headingId} className="panel">
        <h2 id={headingId}>{copy.payWith}</h2>
        <SavedCardList aria-labelledby={headingId} hideExpired onSelect={setCard} />
        <div className="add-card">
          <AddCardFlow {...addCard} />
        </div>
        {order ? (
          <PayButton
            key={order.id}
            orderId={order.id}
            token={card?.token}
            amount={order}
            verification={addCard.verification}
            allowedVerifyOrigins={addCard.allowedVerifyOrigins}
            onSucceeded={setReceipt}
          />
        ) : null}
      </section>

      {receipt ? (
        <section aria-labelledby={receiptId} className="panel receipt">
          <h2 id={receiptId}>{copy.receipt}</h2>
          <dl>
            <dt>{copy.receiptOrder}</dt>
            <dd>{receipt.order.reference_number}</dd>
            <dt>{copy.receiptAmount}</dt>
            <dd>{messages.formatAmount(receipt.order)}</dd>
            <dt>{copy.receiptCard}</dt>
            <dd>{card && card.token === receipt.token ? messages.cardName(card) : '—'}</dd>
            <dt>{copy.receiptStatus}</dt>
            <dd data-order-status={orderStatus}>
              {orderStatus === 'paid' ? copy.orderPaid : copy.orderAwaitingWebhook}
            </dd>
          </dl>
          <button type="button" data-slot="button" onClick={newOrder}>
            {copy.newOrder}
          </button>
        </section>
      ) : null}
    </main>
  );
}
