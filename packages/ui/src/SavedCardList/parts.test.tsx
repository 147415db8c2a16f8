import type { SavedCard } from '@savedcards/core';
import { DEMO_TOKENS } from '@savedcards/msw';
import { useCardManagement, usePaymentTokens } from '@savedcards/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../../test/render';
import {
  SavedCardList,
  SavedCardListBadges,
  SavedCardListBrand,
  SavedCardListExpiry,
  SavedCardListHolder,
  SavedCardListIndicator,
  SavedCardListItem,
  SavedCardListNumber,
  SavedCardListRoot,
} from '../index.js';

const visa: SavedCard = {
  token: 'tok_visa',
  type: 'card',
  state: 'success',
  isDefault: true,
  brand: 'visa',
  last4: '4242',
  expMonth: 4,
  expYear: 2099,
  expiry: 'valid',
  holderName: 'Tai Man Chan',
};
const pending: SavedCard = { ...visa, token: 'tok_pending', isDefault: false, state: 'pending' };

function List({ children }: { children: React.ReactNode }) {
  return <SavedCardListRoot defaultValue={visa.token}>{children}</SavedCardListRoot>;
}

/** The design-system recipe: the hook, the parts, and your own outcome list. */
function MyCards() {
  const { data: cards = [] } = usePaymentTokens();
  const manage = useCardManagement({ cards });
  const [selected, setSelected] = useState<string>();
  return (
    <>
      <SavedCardList.Root value={selected} onValueChange={setSelected}>
        {cards.map((card) => (
          <SavedCardList.Row key={card.token}>
            <SavedCardList.Item card={card} />
            <SavedCardList.Actions
              card={card}
              actions={['make-default']}
              onMakeDefault={manage.makeDefault}
            />
          </SavedCardList.Row>
        ))}
      </SavedCardList.Root>
      <ol aria-label="Outcomes">
        {manage.outcomes.map((outcome) => (
          <li
            key={outcome.id}
          >{`${outcome.type} ${'card' in outcome ? outcome.card.token : ''}`}</li>
        ))}
      </ol>
    </>
  );
}

function Controlled({ onValueChange }: { onValueChange: (token: string) => void }) {
  const [value, setValue] = useState<string | null>(DEMO_TOKENS.mastercard);
  return (
    <SavedCardList
      value={value}
      onValueChange={(token) => {
        onValueChange(token);
        setValue(token);
      }}
    />
  );
}

describe('SavedCardList parts', () => {
  it('render the default layout with its description: holder name and badges', () => {
    render(
      <List>
        <SavedCardListItem card={visa} />
      </List>,
    );
    const radio = screen.getByRole('radio', {
      name: 'Visa ending in 4242, expires 04/99, default',
    });
    // The "Default" badge is hidden: the name already says it.
    expect(radio).toHaveAccessibleDescription(/^Tai Man Chan\s*$/);
    // The card is the radio's label: a native input and the layout's parts inside it.
    const item = radio.closest('label');
    expect(item).toHaveAttribute('data-slot', 'saved-card-list-item');
    expect(item).toHaveAttribute('data-state', 'checked');
    expect(item?.querySelector('[data-slot="saved-card-radio"]')).not.toBeNull();
    expect(item?.querySelector('[data-slot="card-brand-mark"]')).toHaveAttribute(
      'data-brand',
      'visa',
    );
    expect(within(item as HTMLElement).getByText('Expires 04/99')).toHaveAttribute(
      'data-slot',
      'saved-card-expiry',
    );
  });

  it('point aria-describedby only at the describing parts custom children render', async () => {
    const { rerender } = render(
      <List>
        <SavedCardListItem card={pending}>
          <SavedCardList.Number />
        </SavedCardListItem>
      </List>,
    );
    const radio = screen.getByRole('radio', { name: /^Visa ending in 4242/ });
    expect(radio).not.toHaveAttribute('aria-describedby');

    rerender(
      <List>
        <SavedCardListItem card={pending}>
          <SavedCardListNumber />
          <SavedCardListBadges />
        </SavedCardListItem>
      </List>,
    );
    await waitFor(() => expect(radio).toHaveAccessibleDescription('Pending verification'));
    const ids = radio.getAttribute('aria-describedby')?.split(' ') ?? [];
    expect(ids).toHaveLength(1);
    for (const id of ids) {
      expect(document.getElementById(id)).not.toBeNull();
    }

    rerender(
      <List>
        <SavedCardListItem card={pending}>
          <SavedCardListBadges />
          <SavedCardListHolder />
        </SavedCardListItem>
      </List>,
    );
    await waitFor(() =>
      expect(radio).toHaveAccessibleDescription('Tai Man Chan Pending verification'),
    );
  });

  it('hand their props to the child with asChild, merging className (the caller’s last)', () => {
    const ref = createRef<HTMLElement>();
    render(
      <List>
        <SavedCardList.Row asChild className="my-row">
          <li>
            <SavedCardListItem card={visa}>
              <SavedCardList.Number asChild className="my-number">
                <strong ref={ref} className="strong">
                  My Visa
                </strong>
              </SavedCardList.Number>
              <SavedCardList.Holder asChild>
                <em>Mr T M Chan</em>
              </SavedCardList.Holder>
            </SavedCardListItem>
          </li>
        </SavedCardList.Row>
      </List>,
    );
    const row = screen.getByRole('listitem');
    expect(row).toHaveAttribute('data-slot', 'saved-card-list-row');
    expect(row).toHaveClass('sc-saved-card-list-row', 'my-row');
    expect(row.className.split(' ').at(-1)).toBe('my-row');
    expect(ref.current?.tagName).toBe('STRONG');
    expect(ref.current).toHaveAttribute('data-slot', 'saved-card-number');
    expect(ref.current).toHaveClass('strong', 'my-number');
    // The holder part on an <em> still describes the radio.
    const radio = screen.getByRole('radio');
    expect(radio).toHaveAccessibleDescription('Mr T M Chan');
    expect(radio.closest('label')?.querySelector('em')).toHaveAttribute(
      'data-slot',
      'saved-card-holder',
    );
  });

  it('say which parent they need when used outside an Item', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<SavedCardList.Brand />)).toThrow(
      '`SavedCardList.Brand` must be used within `SavedCardList.Item`',
    );
  });

  it('build a manage-cards list from useCardManagement (the hooks-only recipe)', async () => {
    const user = userEvent.setup();
    renderWithProviders(<MyCards />);
    await user.click(
      await screen.findByRole('button', { name: 'Make default: Mastercard ending in 4444' }),
    );
    const outcomes = screen.getByRole('list', { name: 'Outcomes' });
    await waitFor(() =>
      expect(within(outcomes).getByRole('listitem')).toHaveTextContent(
        `default-changed ${DEMO_TOKENS.mastercard}`,
      ),
    );
    expect(screen.getByRole('radio', { name: /^Mastercard ending in 4444, .*default$/ })).not.toBe(
      null,
    );
  });
});

describe('SavedCardList selection', () => {
  it('takes value and onValueChange, as Radix does', async () => {
    const onValueChange = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<Controlled onValueChange={onValueChange} />);
    expect(await screen.findByRole('radio', { name: /^Mastercard ending in 4444/ })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: /^UnionPay/ }));
    expect(onValueChange).toHaveBeenCalledWith(DEMO_TOKENS.unionpay);
    expect(screen.getByRole('radio', { name: /^UnionPay/ })).toBeChecked();
  });

  it('warns once when it switches from uncontrolled to controlled', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { rerender } = renderWithProviders(<SavedCardList />);
    await screen.findByRole('radiogroup');
    expect(warn).not.toHaveBeenCalled();
    rerender(<SavedCardList value={DEMO_TOKENS.mastercard} />);
    rerender(<SavedCardList value={DEMO_TOKENS.unionpay} />);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /^SavedCardList is changing from uncontrolled to controlled\. Components should not switch/,
    );
  });
});

const mastercard: SavedCard = {
  ...visa,
  token: 'tok_mastercard',
  isDefault: false,
  brand: 'mastercard',
  last4: '4444',
  holderName: '',
};
const unionpay: SavedCard = {
  ...mastercard,
  token: 'tok_unionpay',
  brand: 'unionpay',
  last4: '8599',
};
const pendingJcb: SavedCard = {
  ...mastercard,
  token: 'tok_jcb',
  brand: 'jcb',
  last4: '0005',
  state: 'pending',
};

function Native(props: Omit<React.ComponentProps<typeof SavedCardListRoot>, 'children'>) {
  return (
    <SavedCardListRoot aria-label="Pay with" {...props}>
      {[visa, pendingJcb, mastercard, unionpay].map((card) => (
        <SavedCardList.Row key={card.token}>
          <SavedCardListItem card={card} />
        </SavedCardList.Row>
      ))}
    </SavedCardListRoot>
  );
}

describe('SavedCardList.Root on native radios', () => {
  it('is entered by Tab at the chosen card; arrows move and select, both ways, skipping disabled ones', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(
      <>
        <button type="button">before</button>
        <Native defaultValue={mastercard.token} onValueChange={onValueChange} />
        <button type="button">after</button>
      </>,
    );
    await user.click(screen.getByRole('button', { name: 'before' }));
    await user.tab();
    expect(screen.getByRole('radio', { name: /^Mastercard/ })).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    // The pending card between them cannot be chosen.
    expect(screen.getByRole('radio', { name: /^Visa/ })).toHaveFocus();
    expect(screen.getByRole('radio', { name: /^Visa/ })).toBeChecked();
    expect(onValueChange).toHaveBeenLastCalledWith(visa.token);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(screen.getByRole('radio', { name: /^UnionPay/ })).toHaveFocus();
    expect(screen.getByRole('radio', { name: /^UnionPay/ })).toBeChecked();
    expect(onValueChange).toHaveBeenLastCalledWith(unionpay.token);
    expect(
      screen.getAllByRole('radio').filter((radio) => (radio as HTMLInputElement).checked),
    ).toHaveLength(1);
    await user.tab();
    expect(screen.getByRole('button', { name: 'after' })).toHaveFocus();
    await user.tab({ shift: true });
    expect(screen.getByRole('radio', { name: /^UnionPay/ })).toHaveFocus();
  });

  it('selects a card when its text (the radio’s label) is clicked, and marks the card checked', async () => {
    const user = userEvent.setup();
    render(<Native defaultValue={visa.token} />);
    await user.click(screen.getByText('Mastercard', { selector: 'bdi' }));
    const radio = screen.getByRole('radio', { name: /^Mastercard/ });
    expect(radio).toBeChecked();
    expect(radio.closest('label')).toHaveAttribute('data-state', 'checked');
    expect(screen.getByRole('radio', { name: /^Visa/ }).closest('label')).toHaveAttribute(
      'data-state',
      'unchecked',
    );
    // A disabled card's text does nothing.
    await user.click(screen.getByText('JCB', { selector: 'bdi' }));
    expect(radio).toBeChecked();
    expect(screen.getByRole('radio', { name: /^JCB/ })).not.toBeChecked();
  });

  it('submits the chosen token under `name`, is required with `required`, and submits nothing without a name', async () => {
    const user = userEvent.setup();
    const { unmount } = render(
      <form aria-label="Checkout">
        <Native name="card" required />
      </form>,
    );
    const form = screen.getByRole('form', { name: 'Checkout' }) as HTMLFormElement;
    expect(screen.getByRole('radiogroup')).toHaveAttribute('aria-required', 'true');
    expect(form.checkValidity()).toBe(false);
    await user.click(screen.getByRole('radio', { name: /^UnionPay/ }));
    expect(form.checkValidity()).toBe(true);
    expect([...new FormData(form)]).toEqual([['card', unionpay.token]]);

    unmount();
    render(
      <form aria-label="Checkout">
        <Native defaultValue={visa.token} />
      </form>,
    );
    expect(screen.getByRole('radio', { name: /^Visa/ })).toBeChecked();
    const unnamed = screen.getByRole('form', { name: 'Checkout' }) as HTMLFormElement;
    expect([...new FormData(unnamed)]).toEqual([]);
  });

  it('disables every card when disabled', () => {
    render(<Native disabled defaultValue={visa.token} />);
    expect(screen.getByRole('radiogroup')).toHaveAttribute('data-disabled', '');
    for (const radio of screen.getAllByRole('radio')) {
      expect(radio).toBeDisabled();
    }
  });

  it('says an Item needs a Root', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<SavedCardListItem card={visa} />)).toThrow(
      '`SavedCardList.Item` must be used within `SavedCardList.Root`',
    );
  });
});

describe('the default layout', () => {
  const failed: SavedCard = {
    ...mastercard,
    token: 'tok_failed',
    state: 'failed',
    errorMessage: 'Declined',
    expiry: 'expired',
    expYear: 2020,
  };
  // The row's default layout is written out by hand (one component per row, for speed): it must
  // stay the same DOM as the parts composed in the same order.
  it.each([visa, pendingJcb, failed])('is the same DOM as the parts composed ($token)', (card) => {
    // The DOM as text, attributes sorted (the parts set aria-describedby once they mount) and
    // React's ids numbered in order of appearance (each render takes new ones).
    const html = (item: React.ReactNode) => {
      const { container, unmount } = render(<List>{item}</List>);
      const ids = new Map<string, string>();
      const write = (node: Node): string => {
        if (!(node instanceof Element)) return node.textContent ?? '';
        const attributes = [...node.attributes]
          .map(({ name, value }) => `${name}="${value}"`)
          .sort()
          .join(' ');
        return `<${node.localName} ${attributes}>${[...node.childNodes].map(write).join('')}</>`;
      };
      const out = write(container).replace(/_r_\w+?_/g, (id) => {
        if (!ids.has(id)) ids.set(id, `id${ids.size}`);
        return ids.get(id) ?? id;
      });
      unmount();
      return out;
    };
    const written = html(<SavedCardListItem card={card} />);
    const composed = html(
      <SavedCardListItem card={card}>
        <SavedCardListIndicator />
        <SavedCardListBrand />
        <span data-slot="saved-card-details">
          <SavedCardListNumber />
          <SavedCardListHolder />
        </span>
        <SavedCardListExpiry />
        <SavedCardListBadges />
      </SavedCardListItem>,
    );
    expect(composed).toBe(written);
  });
});
