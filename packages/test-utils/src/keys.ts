/**
 * TEST-ONLY key pair (see keys/README.md): public, tied to no Wonder account, never shipped. Used for
 * the fixed signature vectors and as the mock gateway's verification key in tests, the examples'
 * mock mode, the bench and the e2e scripts. `../keys` is the same folder from src/ and from dist/.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TEST_ONLY_PRIVATE_KEY_FILE = fileURLToPath(
  new URL('../keys/test-only-private-key.pem', import.meta.url),
);
export const TEST_ONLY_PUBLIC_KEY_FILE = fileURLToPath(
  new URL('../keys/test-only-public-key.pem', import.meta.url),
);
export const TEST_ONLY_PRIVATE_KEY_PEM = readFileSync(TEST_ONLY_PRIVATE_KEY_FILE, 'utf8');
export const TEST_ONLY_PUBLIC_KEY_PEM = readFileSync(TEST_ONLY_PUBLIC_KEY_FILE, 'utf8');
export const TEST_APP_ID = 'test-only-app-id';

/**
 * TEST-ONLY stand-in for Wonder's webhook key pair (issue 16): the mock gateway signs its webhooks
 * with the private key; the merchant (the demo server, the tests) verifies with the public key.
 */
export const TEST_ONLY_WONDER_WEBHOOK_PRIVATE_KEY_FILE = fileURLToPath(
  new URL('../keys/test-only-wonder-webhook-private-key.pem', import.meta.url),
);
export const TEST_ONLY_WONDER_WEBHOOK_PUBLIC_KEY_FILE = fileURLToPath(
  new URL('../keys/test-only-wonder-webhook-public-key.pem', import.meta.url),
);
export const TEST_ONLY_WONDER_WEBHOOK_PRIVATE_KEY_PEM = readFileSync(
  TEST_ONLY_WONDER_WEBHOOK_PRIVATE_KEY_FILE,
  'utf8',
);
export const TEST_ONLY_WONDER_WEBHOOK_PUBLIC_KEY_PEM = readFileSync(
  TEST_ONLY_WONDER_WEBHOOK_PUBLIC_KEY_FILE,
  'utf8',
);
/** The AppID in the mock's webhook `Credential` (Wonder's side). */
export const TEST_WONDER_WEBHOOK_APP_ID = 'test-only-wonder';
