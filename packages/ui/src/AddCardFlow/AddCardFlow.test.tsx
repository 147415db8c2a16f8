import { THREE_DS_RETURN_MESSAGE_TYPE } from '@savedcards/core';
import {
  createGatewayHandlers,
  DEMO_CUSTOMER,
  decideChallenge,
  MOCK_SECURE_DATA_KEY,
  OPENAPI_PREFIX,
} from '@savedcards/msw';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countRequests, renderWithProviders } from '../../../../test/render';
import { db, server, TEST_BASE_URL } from '../../../../test/server';
import { AddCardFlow } from '../index.js';

const CREATE = /^POST \/customers\/[^/]+\/payment_tokens$/;
const CHECK = /^POST \/customers\/[^/]+\/payment_tokens\/check$/;

afterEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});

async function fill(number: string, { expiry = '0431', cvc = '737', name = 'Tai Man Chan' } = {}) {
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Add a card' }));
  const dialog = await screen.findByRole('dialog', { name: 'Add a card' });
  const form = within(dialog);
  await user.type(form.getByLabelText('Card number'), number);
  await user.type(form.getByLabelText('Expiry date (MM / YY)'), expiry);
  await user.type(form.getByLabelText('Security code (CVC)'), cvc);
  await user.type(form.getByLabelText('Name on card'), name);
  return { user, dialog, form };
}

describe('AddCardFlow', () => {
  it('labels every field and sets the cc-* autocomplete tokens', async () => {
    renderWithProviders(<AddCardFlow verification="iframe" />);
    const { form } = await fill('4242424242424242');
    expect(form.getByLabelText('Card number')).toHaveAttribute('autocomplete', 'cc-number');
    expect(form.getByLabelText('Card number')).toHaveValue('4242 4242 4242 4242');
    expect(form.getByLabelText('Card number')).toHaveAttribute('inputmode', 'numeric');
    expect(form.getByLabelText('Expiry date (MM / YY)')).toHaveAttribute('autocomplete', 'cc-exp');
    expect(form.getByLabelText('Expiry date (MM / YY)')).toHaveValue('04/31');
    expect(form.getByLabelText('Security code (CVC)')).toHaveAttribute('autocomplete', 'cc-csc');
    expect(form.getByLabelText('Name on card')).toHaveAttribute('autocomplete', 'cc-name');
    // Digits read left to right on a right-to-left page too; a name follows the page.
    for (const label of ['Card number', 'Expiry date (MM / YY)', 'Security code (CVC)']) {
      expect(form.getByLabelText(label).closest('[dir]')).toHaveAttribute('dir', 'ltr');
    }
    expect(form.getByLabelText('Name on card').closest('[dir]')).toBeNull();
    expect(form.getByRole('checkbox', { name: 'Make this my default card' })).not.toBeChecked();
  });

  it('sends one create request for a double click on Save', async () => {
    renderWithProviders(<AddCardFlow verification="iframe" />);
    const { user, form } = await fill('4000000000000077');
    const requests = countRequests();
    await user.dblClick(form.getByRole('button', { name: 'Save card' }));
    expect(
      await screen.findByText('Visa ending in 0077 saved.', {}, { timeout: 6000 }),
    ).toBeInTheDocument();
    requests.stop();
    expect(requests.count(CREATE)).toBe(1);
  }, 10_000);

  it('clears the form when the dialog closes', async () => {
    renderWithProviders(<AddCardFlow verification="iframe" />);
    const { user } = await fill('4242424242424242');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Add a card' }));
    expect(await screen.findByLabelText('Card number')).toHaveValue('');
  });

  it.each([
    ['none', {}],
    ['secure-data', { encryption: 'secure-data', secureDataKeys: [MOCK_SECURE_DATA_KEY] }],
  ] as const)(
    'leaves no card number or CVC in the caches, storage, the DOM or the console after a full 3-D Secure flow (encryption %s)',
    async (mode, encryption) => {
      const sent: string[] = [];
      server.events.on('request:start', async ({ request }) => {
        sent.push(`${request.url} ${await request.clone().text()}`);
      });
      const consoleCalls = [
        vi.spyOn(console, 'log'),
        vi.spyOn(console, 'warn'),
        vi.spyOn(console, 'error'),
      ];
      const before = db.listTokens(DEMO_CUSTOMER.uuid).length;
      const { queryClient, container } = renderWithProviders(
        <AddCardFlow verification="iframe" allowedVerifyOrigins={[]} {...encryption} />,
      );
      const { user, form } = await fill('4000000000003220');
      await user.click(form.getByRole('button', { name: 'Save card' }));
      const frame = await screen.findByTitle('3-D Secure verification with your bank');
      expect(frame).toHaveAttribute('src', expect.stringMatching(/^https:/));
      const created = db.listTokens(DEMO_CUSTOMER.uuid)[before];
      decideChallenge(db, created?.verify_uuid ?? '', 'approve');
      act(() => {
        window.dispatchEvent(
          new MessageEvent('message', {
            origin: window.location.origin,
            source: (frame as HTMLIFrameElement).contentWindow,
            data: { type: THREE_DS_RETURN_MESSAGE_TYPE, outcome: 'success' },
          }),
        );
      });
      expect(await screen.findByText('Visa ending in 3220 saved.')).toHaveAttribute(
        'role',
        'status',
      );
      await waitFor(() =>
        expect(
          queryClient
            .getMutationCache()
            .getAll()
            .every((m) => m.state.status !== 'pending'),
        ).toBe(true),
      );
      const leak = /4000000000003220|4000 0000 0000 3220|737/;
      const places = {
        queries: JSON.stringify(
          queryClient
            .getQueryCache()
            .getAll()
            .map((q) => [q.queryKey, q.state]),
        ),
        mutations: JSON.stringify(
          queryClient
            .getMutationCache()
            .getAll()
            .map((m) => m.state),
        ),
        sessionStorage: JSON.stringify({ ...sessionStorage }),
        localStorage: JSON.stringify({ ...localStorage }),
        url: window.location.href,
        dom: document.body.innerHTML + container.innerHTML,
        console: JSON.stringify(consoleCalls.map((spy) => spy.mock.calls)),
      };
      for (const [place, text] of Object.entries(places)) {
        expect(text, place).not.toMatch(leak);
      }
      server.events.removeAllListeners();
      // With secure data, nothing the merchant's server would receive carries the card either.
      if (mode === 'secure-data') {
        expect(sent.join('\n')).not.toMatch(/4000000000003220|4000 0000 0000 3220|"737"/);
        expect(sent.join('\n')).toContain('"secure_data"');
      }
    },
  );

  it('takes the return page’s message only from the frame it opened, on our origin', async () => {
    const before = db.listTokens(DEMO_CUSTOMER.uuid).length;
    // One check when the challenge opens, then none for a minute: only the message checks again.
    renderWithProviders(
      <AddCardFlow verification="iframe" poll={{ initialMs: 60_000, maxMs: 60_000 }} />,
    );
    const { user, form } = await fill('4000000000003220');
    const requests = countRequests();
    await user.click(form.getByRole('button', { name: 'Save card' }));
    const frame = (await screen.findByTitle(
      '3-D Secure verification with your bank',
    )) as HTMLIFrameElement;
    await waitFor(() => expect(requests.count(CHECK)).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    decideChallenge(db, db.listTokens(DEMO_CUSTOMER.uuid)[before]?.verify_uuid ?? '', 'approve');
    const data = { type: THREE_DS_RETURN_MESSAGE_TYPE, outcome: 'success' };
    act(() => {
      window.dispatchEvent(new MessageEvent('message', { origin: window.location.origin, data }));
      window.dispatchEvent(
        new MessageEvent('message', {
          origin: 'https://evil.example',
          source: frame.contentWindow,
          data,
        }),
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(requests.count(CHECK)).toBe(1);
    expect(screen.queryByText('Visa ending in 3220 saved.')).toBeNull();
    act(() => {
      window.dispatchEvent(
        new MessageEvent('message', {
          origin: window.location.origin,
          source: frame.contentWindow,
          data,
        }),
      );
    });
    expect(await screen.findByText('Visa ending in 3220 saved.')).toHaveAttribute('role', 'status');
    requests.stop();
    expect(requests.count(CHECK)).toBe(2);
  });

  it('waits for a pending card that has no challenge to open, checking it until it is saved', async () => {
    server.use(
      http.post(
        `${TEST_BASE_URL}${OPENAPI_PREFIX}/customers/:uuid/payment_tokens`,
        ({ params }) => {
          const token = db.addToken(String(params.uuid), {
            number: '4000000000003220',
            state: 'pending',
            verify_uuid: null,
            verify_url: null,
          });
          return HttpResponse.json({
            error_code: '',
            error_message: '',
            data: { payment_token: token },
          });
        },
      ),
    );
    const before = db.listTokens(DEMO_CUSTOMER.uuid).length;
    // The blank popup opened in the click is blocked: with nothing to open, that changes nothing.
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    renderWithProviders(
      <AddCardFlow verification="popup" poll={{ initialMs: 50, factor: 1, maxMs: 50 }} />,
    );
    const { user, form, dialog } = await fill('4000000000003220');
    await user.click(form.getByRole('button', { name: 'Save card' }));
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Waiting for your bank to confirm the card…',
    );
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    db.updateToken(DEMO_CUSTOMER.uuid, db.listTokens(DEMO_CUSTOMER.uuid)[before]?.token ?? '', {
      state: 'success',
    });
    expect(await screen.findByText('Visa ending in 3220 saved.')).toHaveAttribute('role', 'status');
    expect(screen.queryByText('Your browser blocked the verification window.')).toBeNull();
    open.mockRestore();
  });

  it('refuses a verify URL that is not https, and opens nothing', async () => {
    server.use(
      ...createGatewayHandlers({
        baseUrl: TEST_BASE_URL,
        db,
        challengeUrl: () => 'http://bank.example/3ds',
      }),
    );
    renderWithProviders(<AddCardFlow verification="iframe" />);
    const { user, form, dialog } = await fill('4000000000003220');
    await user.click(form.getByRole('button', { name: 'Save card' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'The verification page could not be opened safely. Nothing was saved.',
      ),
    );
    expect(screen.queryByTitle('3-D Secure verification with your bank')).toBeNull();
  });

  it('says so, in an alert, when the proxy refuses another card for now (429)', async () => {
    server.use(
      http.post(`${TEST_BASE_URL}${OPENAPI_PREFIX}/customers/:uuid/payment_tokens`, () =>
        HttpResponse.json(
          { error_code: 'E_RATE_LIMITED', error_message: 'Too many requests.', data: null },
          { status: 429, headers: { 'Retry-After': '600' } },
        ),
      ),
    );
    renderWithProviders(<AddCardFlow verification="iframe" />);
    const { user, form, dialog } = await fill('4242424242424242');
    await user.click(form.getByRole('button', { name: 'Save card' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'Too many attempts to add a card. Please wait a few minutes and try again. Nothing was saved.',
      ),
    );
  });
});
