import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkVerifyUrl, isAllowedVerifyUrl } from './index.js';

const DEV = { allowedOrigins: ['http://127.0.0.1:5173', 'http://localhost:6006/'] };

describe('isAllowedVerifyUrl', () => {
  it.each([
    'https://3ds.wonder.today/challenge/abc',
    'https://gateway-stg.wonder.today/svc/3ds?verify_uuid=1b9d&lang=zh-HK#step',
    'HTTPS://GATEWAY.WONDER.TODAY/c',
    'https://3ds.savedcards-mock.invalid/challenge/00000000-0000-4000-9000-000000000001',
  ])('allows %s (Wonder’s hosts and the mock’s, by default)', (url) => {
    expect(isAllowedVerifyUrl(url)).toBe(true);
  });

  it.each([
    ['https://gateway-stg.wonder.today.evil.example/3ds', 'not-allowed'],
    ['https://evilwonder.today/3ds', 'not-allowed'],
    ['https://wonder.today.evil.example/3ds', 'not-allowed'],
    ['https://acs.example.com:8443/c', 'not-allowed'],
    ['https://[::1]/x', 'not-allowed'],
    // A Cyrillic "о" in wonder: the parser gives punycode, which is refused outright.
    ['https://gateway.w\u043ender.today/3ds', 'idn-host'],
    ['https://gateway.xn--wnder-4ve.today/3ds', 'idn-host'],
  ])('refuses the look-alike or foreign host %s by default (%s)', (url, reason) => {
    expect(checkVerifyUrl(url)).toEqual({ ok: false, reason });
  });

  it('can be narrowed to one environment, or widened to more hosts', () => {
    const production = { hosts: ['*.wonder.today'] };
    expect(isAllowedVerifyUrl('https://3ds.savedcards-mock.invalid/x', production)).toBe(false);
    expect(isAllowedVerifyUrl('https://gateway.wonder.today/x', production)).toBe(true);
    const wider = { hosts: ['acs.example.com', '[::1]'] };
    expect(isAllowedVerifyUrl('https://acs.example.com:8443/c', wider)).toBe(true);
    expect(isAllowedVerifyUrl('https://[::1]/x', wider)).toBe(true);
    expect(isAllowedVerifyUrl('https://gateway.wonder.today/x', wider)).toBe(false);
  });

  it.each([
    ['javascript:alert(1)', 'not-allowed'],
    ['JavaScript:alert(1)', 'not-allowed'],
    ['data:text/html,<script>alert(1)</script>', 'not-allowed'],
    ['blob:https://acs.example.com/6f1c', 'not-allowed'],
    ['file:///etc/passwd', 'not-allowed'],
    ['ftp://acs.example.com/x', 'not-allowed'],
    ['http://acs.example.com/x', 'not-allowed'],
    ['ws://acs.example.com/x', 'not-allowed'],
    ['about:blank', 'not-allowed'],
    ['//evil.example/x', 'not-absolute'],
    ['/mock-3ds/challenge.html', 'not-absolute'],
    ['challenge.html', 'not-absolute'],
    ['', 'not-absolute'],
    ['https:evil.example', 'not-absolute'],
    ['https:///evil.example', 'not-absolute'],
    ['https://user:pass@acs.example.com/', 'credentials'],
    ['https://acs.example.com@evil.example/', 'credentials'],
    ['https://:pass@acs.example.com/', 'credentials'],
    [' https://acs.example.com/', 'unsafe-characters'],
    ['https://acs.example.com/ ', 'unsafe-characters'],
    ['java\tscript:alert(1)', 'unsafe-characters'],
    ['https://acs.exa\nmple.com/', 'unsafe-characters'],
    ['https:\\\\evil.example\\x', 'unsafe-characters'],
    ['https://acs.example.com/\u202egnp.exe', 'unsafe-characters'],
    ['https://acs.example.com/\u200b', 'unsafe-characters'],
    ['https://acs.example.com/\u0000', 'unsafe-characters'],
    [`https://acs.example.com/${'a'.repeat(2048)}`, 'too-long'],
  ])('refuses %j (%s)', (url, reason) => {
    expect(checkVerifyUrl(url)).toEqual({ ok: false, reason });
    expect(isAllowedVerifyUrl(url)).toBe(false);
    expect(isAllowedVerifyUrl(url, DEV)).toBe(false);
  });

  it.each([undefined, null, 42, {}, new URL('https://acs.example.com/')])(
    'refuses a non-string %j',
    (value) => {
      expect(checkVerifyUrl(value)).toEqual({ ok: false, reason: 'not-a-string' });
    },
  );

  it('allows an allow-listed http origin, and only that origin', () => {
    expect(isAllowedVerifyUrl('http://127.0.0.1:5173/mock-3ds/challenge.html?x=1', DEV)).toBe(true);
    expect(isAllowedVerifyUrl('http://localhost:6006/mock-3ds/challenge.html', DEV)).toBe(true);
    expect(isAllowedVerifyUrl('http://127.0.0.1:5173/x')).toBe(false);
    expect(isAllowedVerifyUrl('http://127.0.0.1:5174/x', DEV)).toBe(false);
    expect(isAllowedVerifyUrl('http://127.0.0.1/x', DEV)).toBe(false);
    expect(isAllowedVerifyUrl('http://localhost:5173/x', DEV)).toBe(false);
    expect(isAllowedVerifyUrl('http://127.0.0.1:5173@evil.example/x', DEV)).toBe(false);
  });

  it('an allow-listed origin never lets other schemes through', () => {
    const options = { allowedOrigins: ['https://acs.example.com', 'http://127.0.0.1:5173'] };
    expect(isAllowedVerifyUrl('blob:http://127.0.0.1:5173/6f1c', options)).toBe(false);
    expect(isAllowedVerifyUrl('blob:https://acs.example.com/6f1c', options)).toBe(false);
    expect(isAllowedVerifyUrl('ws://127.0.0.1:5173/', options)).toBe(false);
  });

  it('ignores allow-list entries that are not http(s) origins', () => {
    const options = { allowedOrigins: ['null', 'javascript:', 'data:', 'not a url', '*'] };
    expect(isAllowedVerifyUrl('javascript:alert(1)', options)).toBe(false);
    expect(isAllowedVerifyUrl('data:text/html,x', options)).toBe(false);
    expect(isAllowedVerifyUrl('http://evil.example/', options)).toBe(false);
  });

  it('returns the normalised href to open', () => {
    expect(
      checkVerifyUrl('HTTPS://ACS.Example.com:443/a/../c?x=1', { hosts: ['acs.example.com'] }),
    ).toEqual({
      ok: true,
      url: 'https://acs.example.com/c?x=1',
    });
  });

  it('property: whatever it allows is an https URL (or an allow-listed origin) without credentials', () => {
    const allowedOrigins = ['http://127.0.0.1:5173'];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          fc.string(),
          fc
            .tuple(
              fc.constantFrom(
                'javascript:',
                'data:',
                'blob:',
                'file:',
                'http:',
                'https:',
                '//',
                '',
              ),
              fc.string(),
            )
            .map(([scheme, rest]) => `${scheme}${rest}`),
        ),
        (url) => {
          const result = checkVerifyUrl(url, { allowedOrigins });
          if (!result.ok) return;
          const parsed = new URL(result.url);
          expect(parsed.username).toBe('');
          expect(parsed.password).toBe('');
          expect(parsed.protocol === 'https:' || allowedOrigins.includes(parsed.origin)).toBe(true);
          expect(url).toMatch(/^https?:\/\//i);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: any https web URL without credentials on an allowed host is allowed', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https'], withQueryParameters: true }), (url) => {
        fc.pre(!/[\s\\]/.test(url) && !new URL(url).username && !new URL(url).password);
        const { hostname } = new URL(url);
        fc.pre(!hostname.split('.').some((label) => label.startsWith('xn--')));
        expect(isAllowedVerifyUrl(url, { hosts: [hostname] })).toBe(true);
        expect(isAllowedVerifyUrl(url, { hosts: ['*.wonder.today'] })).toBe(
          hostname.endsWith('.wonder.today'),
        );
      }),
      { numRuns: 500 },
    );
  });
});
