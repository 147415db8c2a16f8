import { CUSTOMER_FIELDS, cardPaymentMethodValue, type WireCustomerField } from '@savedcards/wire';
import type { GatewayClient } from './client.js';
import { GatewayError } from './errors.js';
import { isRecord, normalizeCustomer } from './normalize.js';
import { gatewayPaths } from './paths.js';
import type { Customer } from './types.js';

export interface CallOptions {
  signal?: AbortSignal;
}

/** Reads `data.customer` from a customer response, or fails with an `invalid-response` error. */
function readCustomerData(data: unknown, where: string): Customer {
  const customer = normalizeCustomer(isRecord(data) ? data.customer : undefined);
  if (!customer) {
    throw new GatewayError({
      kind: 'invalid-response',
      status: 200,
      message: `${where} returned no customer`,
    });
  }
  return customer;
}

/** `GET …/customers/{uuid}`. */
export async function getCustomer(
  client: GatewayClient,
  uuid: string,
  options: CallOptions = {},
): Promise<Customer> {
  const data = await client.request({
    method: 'GET',
    path: gatewayPaths.customer(uuid),
    signal: options.signal,
  });
  return readCustomerData(data, 'GET customer');
}

/** What `upsertCustomer` sends. `referenceNumber` is your own id for the customer. */
export interface CustomerProfileInput {
  referenceNumber: string;
  name: string;
  phone: string;
  email?: string;
  dialCode?: string;
  companyName?: string;
  /** Opaque: send back what you read. */
  defaultPaymentMethod?: string;
  /** Makes this token the customer's default. */
  defaultToken?: string;
}

/** The profile in wire names (`@savedcards/wire`'s field list); empty optional fields are left out. */
function toWireCustomer(profile: CustomerProfileInput) {
  const wire: Partial<Record<WireCustomerField, string>> = {};
  for (const [field, key] of Object.entries(CUSTOMER_FIELDS) as [
    WireCustomerField,
    keyof CustomerProfileInput,
  ][]) {
    const value = profile[key];
    if (value !== undefined && value !== '') {
      wire[field] = value;
    }
  }
  // Required ones always go, even empty, so the gateway (not this client) says what is missing.
  wire.reference_number = profile.referenceNumber;
  wire.name = profile.name;
  wire.phone = profile.phone;
  return wire;
}

/**
 * `POST …/customers`: creates or updates a customer, idempotent on `referenceNumber` (the same
 * uuid comes back for the same reference number).
 */
export async function upsertCustomer(
  client: GatewayClient,
  profile: CustomerProfileInput,
  options: CallOptions = {},
): Promise<Customer> {
  const data = await client.request({
    method: 'POST',
    path: gatewayPaths.customers(),
    body: { customer: toWireCustomer(profile) },
    signal: options.signal,
  });
  return readCustomerData(data, 'POST customer');
}

/**
 * Makes `token` the customer's default: Wonder's documented way is an upsert with
 * `default_payment_token`, sending the profile fields already known so nothing is blanked, and
 * `default_payment_method` for a card in the casing the customer already uses
 * (`cardPaymentMethodValue`, as Wonder's iOS SDK sends `credit_card`).
 */
export function setDefaultPaymentToken(
  client: GatewayClient,
  customer: Customer,
  token: string,
  options: CallOptions = {},
): Promise<Customer> {
  return upsertCustomer(
    client,
    {
      referenceNumber: customer.referenceNumber,
      name: customer.name,
      phone: customer.phone,
      email: customer.email,
      dialCode: customer.dialCode,
      companyName: customer.companyName,
      defaultPaymentMethod: cardPaymentMethodValue(customer.defaultPaymentMethod),
      defaultToken: token,
    },
    options,
  );
}
