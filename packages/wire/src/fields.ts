/**
 * The fields of the write bodies (GATEWAY.md §4, §5): what the browser client sends, what the proxy
 * lets through to Wonder, and what the mock validates.
 */

/** `customer.*` of an upsert, in wire names, with the domain name each is read into. */
export const CUSTOMER_FIELDS = {
  reference_number: 'referenceNumber',
  name: 'name',
  email: 'email',
  dial_code: 'dialCode',
  phone: 'phone',
  company_name: 'companyName',
  default_payment_method: 'defaultPaymentMethod',
  default_payment_token: 'defaultToken',
} as const;

export type WireCustomerField = keyof typeof CUSTOMER_FIELDS;

/** Every customer field, in wire names. */
export const CUSTOMER_FIELD_NAMES = Object.keys(CUSTOMER_FIELDS) as readonly WireCustomerField[];

/** Required on an upsert. */
export const CUSTOMER_REQUIRED_FIELDS = ['name', 'phone', 'reference_number'] as const;

/** Longest value per customer field, in characters (code points): 255, `dial_code` 6. */
export function customerFieldMaxLength(field: WireCustomerField): number {
  return field === 'dial_code' ? 6 : 255;
}

/** `card.billing_address.*`, in wire names, with the domain name of each. */
export const BILLING_ADDRESS_FIELDS = {
  first_name: 'firstName',
  last_name: 'lastName',
  phone_number: 'phoneNumber',
  email: 'email',
  address: 'address',
  city: 'city',
  state: 'state',
  zip_code: 'zipCode',
  country_code: 'countryCode',
} as const;

/**
 * `card.*` the browser may send on a create (the proxy adds `3ds` and `transaction_type` itself).
 * `cvv` appears in one doc version and in the iOS SDK.
 */
export const CARD_FIELDS = [
  'number',
  'exp_month',
  'exp_year',
  'holder_name',
  'cvv',
  'nickname',
  'billing_address',
] as const;

export type WireCardField = (typeof CARD_FIELDS)[number];

/** Required on a create, besides the `3ds` return URLs and `transaction_type`. */
export const CARD_REQUIRED_FIELDS = ['number', 'exp_month', 'exp_year', 'holder_name'] as const;
