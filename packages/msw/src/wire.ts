/**
 * Wire shapes of Wonder Gateway's Customer Management API, as this mock sends them (GATEWAY.md §4, §6).
 * These describe what the mock writes; real responses vary more (see GATEWAY.md), which is why
 * `@savedcards/core` reads tolerantly.
 */

/** Token states the mock produces. Wonder's enum is undocumented; these are the iOS SDK's values. */
export type WireTokenState = 'success' | 'pending' | 'failed';

/** `credit_card` inside a token. `number` is always masked (`424242******4242`). */
export interface WireCreditCard {
  number: string;
  exp_month: string;
  exp_year: string;
  holder_name: string;
  brand: string;
  billing_currency: string;
}

/** A payment token as sent in envelope A (newer responses). */
export interface WireToken {
  token_type: string;
  token: string;
  state: WireTokenState | (string & {});
  /** Absent in envelope B (older responses); see `toOldToken`. */
  default?: boolean;
  verify_url: string | null;
  verify_uuid: string | null;
  error_code: string;
  error_msg: string;
  credit_card: WireCreditCard;
}

/** `data.customer` of customer responses. Optional profile fields are `''` when never set. */
export interface WireCustomer {
  uuid: string;
  reference_number: string;
  name: string;
  email: string;
  dial_code: string;
  phone: string;
  company_name: string;
  default_payment_method: string;
  default_payment_token: WireToken | null;
}
