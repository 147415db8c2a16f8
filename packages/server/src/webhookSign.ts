import type { WebhookAction } from '@savedcards/wire';
import type { PrivateKeyInput } from './keys.js';
import { signRequest } from './signature.js';

export interface SignWonderWebhookInput {
  /** The private key of a TEST key pair whose public key you pass to the verifier as `publicKey`. */
  privateKey: PrivateKeyInput;
  /** `X-Action`. */
  action: WebhookAction | (string & {});
  /** Path (and query) of your webhook URL, e.g. `/wonder/webhook`. */
  path: string;
  /** The body exactly as you will send it. */
  body: string;
  /** The AppID in `Credential`. Default `wonder-test`. */
  appId?: string;
  /** Signing time. Default: now. */
  now?: Date;
  /** Default: a fresh random nonce. */
  nonce?: string;
}

/**
 * Headers of a webhook signed the way Wonder signs them (POST, Wonder-RSA-SHA256), for testing your
 * webhook endpoint with your own test key pair. Send exactly `body` with them.
 */
export function signWonderWebhook(input: SignWonderWebhookInput): Record<string, string> {
  const headers = signRequest({
    appId: input.appId ?? 'wonder-test',
    privateKey: input.privateKey,
    method: 'POST',
    uri: input.path,
    body: input.body,
    ...(input.now ? { now: input.now } : {}),
    ...(input.nonce ? { nonce: input.nonce } : {}),
  });
  return { ...headers, 'X-Action': input.action, 'Content-Type': 'application/json' };
}
