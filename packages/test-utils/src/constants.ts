import { DEMO_CUSTOMER } from '@savedcards/msw';

/** Wonder's sandbox: where the mock gateway is mounted for the proxy's msw/node tests. */
export const SANDBOX = 'https://gateway-stg.wonder.today';
/** The prefix of Wonder's customer and payment-token routes. */
export const OPENAPI = '/svc/payment/api/v1/openapi';
/** The merchant's origin in the proxy tests. */
export const SHOP = 'http://shop.test';
/** The mock's demo customer (seeded in every mock gateway db). */
export const DEMO_UUID = DEMO_CUSTOMER.uuid;
export const DEMO_REFERENCE = DEMO_CUSTOMER.referenceNumber;
/** A customer uuid that is not the signed-in one (the proxy must refuse it). */
export const OTHER_UUID = '00000000-0000-4000-8000-000000000999';
/** The 3-D Secure return URLs a merchant configures on the proxy. */
export const RETURN_URLS = {
  success: 'https://shop.test/3ds/return?ok=1',
  fail: 'https://shop.test/3ds/return?ok=0',
};
/** Wonder's documented test cards (Visa, Mastercard, Amex, UnionPay). */
export const TEST_PANS = [
  '4242424242424242',
  '5555555555554444',
  '378282246310005',
  '6250941006528599',
];
/** The mock's card that asks for a 3-D Secure challenge (see SCENARIO_CARDS in @savedcards/msw). */
export const CHALLENGE_PAN = '4000000000003220';
