import { detectCardBrand } from './cardInput.js';
import type { NewCardInput } from './paymentTokenWrites.js';
import type { CardSummary } from './tokenLifecycle.js';

/**
 * A card on its way to `createPaymentToken`, kept out of reach: the number and CVC sit in a private
 * field that `take()` empties, so whatever holds the sealed card afterwards (a mutation cache, a
 * devtools panel, `JSON.stringify`) sees only its summary: brand and last four digits.
 */
export class SealedCard {
  #card: NewCardInput | undefined;
  readonly summary: CardSummary;

  constructor(card: NewCardInput) {
    this.#card = card;
    const digits = card.number.replace(/\D/g, '');
    this.summary = {
      brand: detectCardBrand(digits),
      last4: digits.length >= 4 ? digits.slice(-4) : null,
    };
  }

  /** The card, once. A second call throws: a sealed card is sent in exactly one request. */
  take(): NewCardInput {
    const card = this.#card;
    if (!card) {
      throw new Error('This card was already sent: seal it again to send it again.');
    }
    this.#card = undefined;
    return card;
  }

  toJSON(): CardSummary {
    return this.summary;
  }
}

export function sealCard(card: NewCardInput): SealedCard {
  return new SealedCard(card);
}
