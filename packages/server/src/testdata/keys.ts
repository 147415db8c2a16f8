/**
 * The TEST-ONLY key pair moved to @savedcards/test-utils (packages/test-utils/keys). This file keeps
 * the names the server's tests import from it.
 */
export {
  TEST_APP_ID,
  TEST_ONLY_PRIVATE_KEY_FILE,
  TEST_ONLY_PRIVATE_KEY_PEM,
  TEST_ONLY_PUBLIC_KEY_PEM,
} from '@savedcards/test-utils';
