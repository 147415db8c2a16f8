import { describe, expect, it } from 'vitest';
import {
  formatCredential,
  formatRequestTime,
  parseCredential,
  parseRequestTime,
  preSignString,
} from './signing.js';

describe('signing text', () => {
  it('signs the body only when there is one', () => {
    expect(preSignString('get', '/a?b=1')).toBe('GET\n/a?b=1');
    expect(preSignString('POST', '/a', '{"x":1}')).toBe('POST\n/a\n{"x":1}');
  });

  it('round-trips the request time, and refuses dates that do not exist', () => {
    const time = formatRequestTime(new Date(Date.UTC(2024, 4, 1, 12, 1, 23)));
    expect(time).toBe('20240501120123');
    expect(parseRequestTime(time)?.toISOString()).toBe('2024-05-01T12:01:23.000Z');
    expect(parseRequestTime('20240231120000')).toBeUndefined();
    expect(() => formatRequestTime(new Date(Number.NaN))).toThrow(TypeError);
  });

  it('reads a credential it wrote, and nothing with another algorithm', () => {
    expect(parseCredential(formatCredential('app-1', '20240501120123'))).toEqual({
      appId: 'app-1',
      requestTime: '20240501120123',
    });
    expect(parseCredential('app-1/20240501120123/HMAC-SHA1')).toBeUndefined();
    expect(parseCredential('app-1/2024/Wonder-RSA-SHA256')).toBeUndefined();
  });
});
