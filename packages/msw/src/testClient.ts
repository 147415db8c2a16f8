/**
 * Test-only helpers (not exported, not bundled): plain `fetch` calls against the mock's wire, the way
 * `@savedcards/core` will make them.
 */
import { TEST_BASE_URL } from '../../../test/server.js';
import { OPENAPI_PREFIX } from '@savedcards/wire';
import type { WireCustomer, WireToken } from './wire.js';

export const API = `${TEST_BASE_URL}${OPENAPI_PREFIX}`;

export interface EnvelopeA<T> {
  error_code: string;
  error_message: string;
  data: T;
}

export interface EnvelopeB<T> {
  code: number | string;
  message: string;
  data?: T;
}

export type CustomerData = { customer: WireCustomer };
export type TokensData = { payment_tokens: WireToken[] };

export function call(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${API}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Calls and parses JSON; `T` is the expected body (envelope included). */
export async function callJson<T>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await call(method, path, body);
  return { status: response.status, body: (await response.json()) as T };
}

export const customerPath = (uuid: string) => `/customers/${uuid}`;
export const tokensPath = (uuid: string) => `/customers/${uuid}/payment_tokens`;
