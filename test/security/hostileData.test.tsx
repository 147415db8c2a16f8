/**
 * Hostile data from the gateway (property-based with fast-check): markup in holder names and
 * nicknames renders as text; unsafe verify URLs are never opened; huge lists, missing fields and
 * unknown brands, types and states never crash the list.
 */
import { DEMO_CUSTOMER, OPENAPI_PREFIX } from '@savedcards/msw';
import { AddCardFlow, SavedCardList } from '@savedcards/ui';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import fc from 'fast-check';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { renderWithProviders } from '../render';
import { db, server, TEST_BASE_URL } from '../server';

const LIST_URL = `${TEST_BASE_URL}${OPENAPI_PREFIX}/customers/:uuid/payment_tokens`;

/** Serves the list with these raw tokens (envelope A), whatever the db holds. */
function serveTokens(tokens: unknown[]) {
  server.use(
    http.get(LIST_URL, () =>
      HttpResponse.json({ error_code: '', error_message: '', data: { payment_tokens: tokens } }),
    ),
  );
}

let consoleError: MockInstance<typeof console.error>;
beforeEach(() => {
  consoleError = vi.spyOn(console, 'error');
});
afterEach(() => {
  expect(consoleError, 'console.error').not.toHaveBeenCalled();
  consoleError.mockRestore();
  vi.restoreAllMocks();
});

const MARKUP = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload="window.__pwned=1">',
  '<a href="javascript:window.__pwned=1">click</a>',
  '<iframe src="javascript:window.__pwned=1"></iframe>',
  '<b>bold</b>',
  '&lt;i&gt;entity&lt;/i&gt;',
  '{{constructor.constructor("return 1")()}}',
  '\u202Eevil\u202C',
];

/** Markup, or markup mixed into arbitrary text. */
const hostileText = fc.oneof(
  fc.constantFrom(...MARKUP),
  fc
    .tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...MARKUP), fc.string({ maxLength: 20 }))
    .map(([a, m, b]) => `${a}${m}${b}`),
);

const INJECTED = 'script, img, iframe, object, embed, a[href^="javascript"], b, i';

describe('hostile text from the gateway', () => {
  it('renders holder names and nicknames with markup as text, never as elements', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, async (holderName, nickname) => {
        const [token] = db.listTokens(DEMO_CUSTOMER.uuid);
        serveTokens([
          { ...token, nickname, credit_card: { ...token?.credit_card, holder_name: holderName } },
        ]);
        const { container } = renderWithProviders(<SavedCardList />);
        const group = await screen.findByRole('radiogroup');
        expect(container.querySelectorAll(INJECTED)).toHaveLength(0);
        const withHandlers = Array.from(container.querySelectorAll('*')).filter((el) =>
          el.getAttributeNames().some((name) => name.startsWith('on')),
        );
        expect(withHandlers).toHaveLength(0);
        expect((window as { __pwned?: number }).__pwned).toBeUndefined();
        // The markup survives as visible text.
        const text = group.textContent ?? '';
        for (const value of [holderName, nickname]) {
          if (value.includes('<b>bold</b>')) expect(text).toContain('<b>bold</b>');
        }
        cleanup();
        server.resetHandlers();
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});

describe('right-to-left and overlong names', () => {
  it.each([
    ['a Hebrew nickname', 'כרטיס'],
    ['a lone right-to-left mark', '\u200f'],
  ])('%s never reorders the masked number', async (_label, nickname) => {
    const [token] = db.listTokens(DEMO_CUSTOMER.uuid);
    serveTokens([{ ...token, nickname }]);
    renderWithProviders(<SavedCardList />);
    // The card is the label around its native radio.
    const card = (await screen.findByRole('radio')).closest('label');
    const last4 = card?.querySelector('[data-slot="saved-card-last4"]');
    expect(last4).toHaveAttribute('dir', 'ltr');
    // The name is isolated from the number that follows it.
    expect(card?.querySelector('bdi[data-slot="saved-card-name"]')).not.toBeNull();
    expect(card?.querySelector('bdi')?.textContent).not.toContain('\u200f');
  });
});

describe('unsafe verify URLs', () => {
  const unsafeUrl = fc.oneof(
    fc.constantFrom(
      'javascript:window.__pwned=1',
      'JaVaScRiPt:window.__pwned=1',
      ' javascript:window.__pwned=1',
      'java\tscript:window.__pwned=1',
      'data:text/html,<script>window.__pwned=1</script>',
      'DATA:text/html;base64,PHNjcmlwdD4=',
      'http://3ds.example.com/challenge',
      'http://localhost:3000/challenge',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      '//evil.example.com/challenge',
    ),
    fc.webUrl({ validSchemes: ['http', 'ftp', 'ws'] }),
  );

  for (const verification of ['iframe', 'popup'] as const) {
    it(`refuses to open them (${verification})`, async () => {
      await fc.assert(
        fc.asyncProperty(unsafeUrl, async (verifyUrl) => {
          const before = db.listTokens(DEMO_CUSTOMER.uuid).length;
          const open = vi.spyOn(window, 'open').mockReturnValue(null);
          server.use(
            http.post(LIST_URL, ({ params }) => {
              const token = db.addToken(String(params.uuid), {
                number: '4000000000003220',
                state: 'pending',
                verify_url: verifyUrl,
                verify_uuid: 'verify-hostile-1',
              });
              return HttpResponse.json({
                error_code: '',
                error_message: '',
                data: { payment_token: token },
              });
            }),
          );
          const { container } = renderWithProviders(
            <AddCardFlow verification={verification} allowedVerifyOrigins={[]} />,
          );
          try {
            const user = userEvent.setup();
            await user.click(screen.getByRole('button', { name: 'Add a card' }));
            const form = within(await screen.findByRole('dialog', { name: 'Add a card' }));
            await user.type(form.getByLabelText('Card number'), '4000000000003220');
            await user.type(form.getByLabelText('Expiry date (MM / YY)'), '0431');
            await user.type(form.getByLabelText('Security code (CVC)'), '737');
            await user.type(form.getByLabelText('Name on card'), 'Tai Man Chan');
            await user.click(form.getByRole('button', { name: 'Save card' }));
            await waitFor(() =>
              expect(screen.getByRole('alert')).toHaveTextContent(
                'The verification page could not be opened safely. Nothing was saved.',
              ),
            );
            // The token the gateway made is deleted again: the attempt leaves nothing behind.
            await waitFor(() => expect(db.listTokens(DEMO_CUSTOMER.uuid).length).toBe(before));
            const frames = Array.from(document.querySelectorAll('iframe'));
            expect(frames.filter((frame) => frame.getAttribute('src'))).toHaveLength(0);
            expect(open.mock.calls.filter(([url]) => url !== undefined && url !== '')).toHaveLength(
              0,
            );
            expect(container.ownerDocument.location.href).toBe('http://localhost:3000/');
            expect((window as { __pwned?: number }).__pwned).toBeUndefined();
          } finally {
            // Also after a failed run, so fast-check's shrinking starts from a clean page.
            open.mockRestore();
            cleanup();
            server.resetHandlers();
            db.reset();
          }
        }),
        { numRuns: 12 },
      );
    }, 90_000);
  }
});

describe('odd and huge lists', () => {
  it('renders 500 cards', async () => {
    db.reset({ seed: 'empty' });
    for (let i = 0; i < 500; i += 1) {
      db.addToken(DEMO_CUSTOMER.uuid, {
        number: `4242424242${String(i).padStart(6, '0')}`,
        brand: i % 7 === 0 ? 'Diners Club Intergalactic' : undefined,
        state: i % 11 === 0 ? 'pending' : 'success',
        default: i === 250,
      });
    }
    renderWithProviders(<SavedCardList />);
    await screen.findByRole('radiogroup', {}, { timeout: 10_000 });
    expect(document.querySelectorAll('[data-slot="saved-card-list-row"]')).toHaveLength(500);
  }, 30_000);

  const maybe = <T,>(arb: fc.Arbitrary<T>) =>
    fc.oneof(arb, fc.constant(undefined), fc.constant(null), fc.constant(''));
  const oddCard = fc.record(
    {
      number: maybe(fc.oneof(fc.constant('424242******4242'), fc.string({ maxLength: 24 }))),
      exp_month: maybe(
        fc.oneof(fc.constantFrom('01', '12', '13', '00', 'ab'), fc.string({ maxLength: 3 })),
      ),
      exp_year: maybe(
        fc.oneof(fc.constantFrom('2030', '30', '1999', '99999'), fc.string({ maxLength: 5 })),
      ),
      holder_name: maybe(fc.string({ maxLength: 40 })),
      brand: maybe(
        fc.oneof(
          fc.constantFrom(
            'Visa',
            'MasterCard',
            'Diners Club',
            'Elo',
            'Mir',
            'VISA',
            'unionpay',
            '__proto__',
            'constructor',
          ),
          fc.string({ maxLength: 20 }),
        ),
      ),
      billing_currency: maybe(fc.string({ maxLength: 4 })),
    },
    { requiredKeys: [] },
  );
  const oddToken = fc.record(
    {
      token_type: maybe(
        fc.oneof(
          fc.constantFrom('CreditCard', 'Alipay', 'WechatPay', 'ApplePay', 'toString'),
          fc.string({ maxLength: 12 }),
        ),
      ),
      token: fc.oneof(fc.uuid(), fc.string({ maxLength: 12 })),
      state: maybe(
        fc.oneof(
          fc.constantFrom('success', 'pending', 'failed', 'suspended', 'SUCCESS'),
          fc.string({ maxLength: 10 }),
        ),
      ),
      default: maybe(fc.boolean()),
      verify_url: maybe(fc.oneof(fc.constant('javascript:alert(1)'), fc.webUrl())),
      verify_uuid: maybe(fc.string({ maxLength: 12 })),
      error_code: maybe(fc.string({ maxLength: 8 })),
      error_msg: maybe(hostileText),
      credit_card: fc.oneof(
        oddCard,
        fc.constant(null),
        fc.constant(undefined),
        fc.constant('card'),
      ),
    },
    { requiredKeys: ['token'] },
  );

  it('never crashes on missing fields, unknown brands, types and states', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(oddToken, { maxLength: 8 }), async (tokens) => {
        serveTokens(tokens);
        const { container } = renderWithProviders(<SavedCardList />);
        // Settles in one of the designed states: the list, the empty state, or the error with retry.
        await waitFor(() => {
          const list = screen.queryByRole('radiogroup');
          const empty = screen.queryByText('You have no saved cards yet.');
          const failed = screen.queryByRole('button', { name: 'Try again' });
          expect(list ?? empty ?? failed).not.toBeNull();
        });
        expect(container.querySelector('[data-slot="saved-cards"]')).not.toBeNull();
        expect(container.querySelectorAll(INJECTED)).toHaveLength(0);
        cleanup();
        server.resetHandlers();
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
