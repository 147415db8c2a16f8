import type { GatewayClient } from './client.js';
import { GatewayError } from './errors.js';
import { isRecord, normalizeCustomer } from './normalize.js';
import { gatewayPaths } from './paths.js';
import type { Customer } from './types.js';

export interface CallOptions {
  signal?: AbortSignal;
}

/** Reads `data.customer` from a customer response, or fails with an `invalid-response` error. */
export function readCustomerData(data: unknown, where: string): Customer {
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
