import { describe, expect, it } from 'vitest';
import { cardPaymentMethodValue } from './inferred.js';

describe('cardPaymentMethodValue', () => {
  it.each([
    [undefined, 'credit_card'],
    ['', 'credit_card'],
    ['credit_card', 'credit_card'],
    ['alipay', 'credit_card'],
    ['wechat_pay', 'credit_card'],
    ['Credit Card', 'Credit Card'],
    ['Alipay', 'Credit Card'],
    ['Wechat Pay', 'Credit Card'],
  ])('%s → %s', (current, expected) => {
    expect(cardPaymentMethodValue(current)).toBe(expected);
  });
});
