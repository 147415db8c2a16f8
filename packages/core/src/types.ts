/** Card networks the library recognises. Anything else is `'unknown'` and rendered as a generic card. */
export type CardBrand =
  | 'visa'
  | 'mastercard'
  | 'amex'
  | 'unionpay'
  | 'jcb'
  | 'discover'
  | 'diners'
  | 'unknown';

/** What a saved payment token is. Both of Wonder's `token_type` enums map onto these. */
export type PaymentTokenType = 'card' | 'alipay' | 'wechatpay' | 'unknown';

/** A token's lifecycle state. Only `'success'` tokens can be charged. Unknown strings stay `'unknown'`. */
export type PaymentTokenState = 'success' | 'pending' | 'failed' | 'unknown';

/** Where a card stands against its expiry date (`'unknown'` when the gateway sent no usable date). */
export type ExpiryStatus = 'valid' | 'expiring' | 'expired' | 'unknown';

/** Wonder's customer, normalised. Strings the gateway left out are `undefined`, never invented. */
export interface Customer {
  uuid: string;
  referenceNumber: string;
  name: string;
  email?: string;
  dialCode?: string;
  phone: string;
  companyName?: string;
  /** Opaque: the gateway's own values disagree between versions, so it is sent back as read. */
  defaultPaymentMethod?: string;
  /** The token of the customer's default payment method, if any. */
  defaultToken?: string;
}

/**
 * A saved payment token as the UI needs it. It never holds more of a card number than the last four
 * digits.
 */
export interface SavedCard {
  token: string;
  type: PaymentTokenType;
  state: PaymentTokenState;
  isDefault: boolean;
  brand: CardBrand;
  /** Last four digits of the card number, or `null` when the gateway sent none. */
  last4: string | null;
  /** 1–12, or `null`. */
  expMonth: number | null;
  /** Four digits, or `null`. */
  expYear: number | null;
  expiry: ExpiryStatus;
  holderName: string;
  nickname?: string;
  billingCurrency?: string;
  /** Where the cardholder completes 3-D Secure (pending tokens). Untrusted: check before opening. */
  verifyUrl?: string;
  verifyUuid?: string;
  /** Why the gateway failed this token (failed tokens), already stripped of digit runs. */
  errorCode?: string;
  errorMessage?: string;
}

/** Languages Wonder's gateway answers in (`x-i18n-lang`). */
export type { GatewayLang } from '@savedcards/wire';
