/**
 * TEST-ONLY key pair (see README.md in this folder): public, tied to no Wonder account, not shipped.
 * Used for the fixed signature vectors and as the mock gateway's verification key in tests.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TEST_ONLY_PRIVATE_KEY_FILE = fileURLToPath(
  new URL('./test-only-private-key.pem', import.meta.url),
);
const TEST_ONLY_PUBLIC_KEY_FILE = fileURLToPath(
  new URL('./test-only-public-key.pem', import.meta.url),
);
export const TEST_ONLY_PRIVATE_KEY_PEM = readFileSync(TEST_ONLY_PRIVATE_KEY_FILE, 'utf8');
export const TEST_ONLY_PUBLIC_KEY_PEM = readFileSync(TEST_ONLY_PUBLIC_KEY_FILE, 'utf8');
export const TEST_APP_ID = 'test-only-app-id';
