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
