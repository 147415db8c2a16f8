import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { countRequests, renderWithProviders } from '../../../test/render';
import { AddCardFlow, DefaultMethodPicker, rowActions, SavedCardList } from './index.js';

const LIST = /^GET \/customers\/[^/]+\/payment_tokens/;

describe('StrictMode (effects run twice in development)', () => {
  it('makes one list request for SavedCardList, DefaultMethodPicker and AddCardFlow together', async () => {
    const requests = countRequests();
    renderWithProviders(
      <StrictMode>
        <AddCardFlow />
        <SavedCardList actions={rowActions(['make-default', 'remove'])} />
        <DefaultMethodPicker />
      </StrictMode>,
    );
    await screen.findByRole('list', { name: 'Saved cards' });
    await screen.findByRole('radiogroup', { name: 'Default card' });
    requests.stop();
    expect(requests.seen.length).toBeGreaterThan(0);
    expect(requests.count(LIST)).toBe(1);
    // Resolving the default card reads the customer at most once as well.
    expect(requests.count(/^GET \/customers\/[^/]+$/)).toBeLessThanOrEqual(1);
  });

  it('makes one write for one click on "Make default"', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <StrictMode>
        <SavedCardList actions={rowActions(['make-default'])} />
      </StrictMode>,
    );
    const button = await screen.findByRole('button', {
      name: 'Make default: Mastercard ending in 4444',
    });
    const requests = countRequests();
    await user.click(button);
    await screen.findByText('Mastercard ending in 4444 is now your default card.');
    requests.stop();
    expect(requests.seen.filter((entry) => !entry.startsWith('GET '))).toHaveLength(1);
    expect(
      within(screen.getByRole('list')).getByRole('group', {
        name: /^Mastercard ending in 4444, .*, default$/,
      }),
    ).toHaveFocus();
  });
});
