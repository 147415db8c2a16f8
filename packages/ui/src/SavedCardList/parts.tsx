import { isUsableCard, type SavedCard } from '@savedcards/core';
import { Slot } from 'radix-ui';
import {
  type ChangeEventHandler,
  createContext,
  forwardRef,
  type HTMLAttributes,
  type LabelHTMLAttributes,
  type ReactNode,
  type Ref,
  useCallback,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { CardBrandMark } from '../CardBrandMark.js';
import { cn } from '../cn.js';
import { formatExpiry } from '../locales/format.js';
import { useControlledSwitchWarning } from './useControlledSwitchWarning.js';
import { badgeText, type CardBadgeVariant, cardBadges, useMessages } from '../messages.js';

/** Parts that render one element and can hand it to their child instead (`asChild`). */
interface AsChildProps {
  /** Render the part's single child, with the part's props merged onto it, instead of its own element. */
  asChild?: boolean;
}

// No layout effect on the server (React 18 warns about one there).
const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/* -------------------------------------------------------------------------------------------------
 * SavedCardListRoot
 * -----------------------------------------------------------------------------------------------*/

export interface SavedCardListRootProps
  extends Omit<HTMLAttributes<HTMLDivElement>, 'defaultValue' | 'onChange' | 'dir'>,
    AsChildProps {
  /** The selected token (controlled); `''` selects nothing. */
  value?: string;
  /** The initially selected token (uncontrolled). */
  defaultValue?: string;
  /** Called with the token the customer picks. */
  onValueChange?: (value: string) => void;
  /** Form field name: the selected token is submitted with a surrounding `<form>`. */
  name?: string;
  /** A card must be chosen before the surrounding form submits. */
  required?: boolean;
  /** Every card disabled (e.g. while offline). */
  disabled?: boolean;
  /** Writing direction; by default the page's (inherited). */
  dir?: 'ltr' | 'rtl';
}

/**
 * The chosen token, outside React's context: each Item subscribes to whether *it* is chosen, so a
 * new choice renders only the two Items whose state changed, not every row.
 */
interface Selection {
  get: () => string | undefined;
  set: (value: string | undefined) => void;
  subscribe: (listener: () => void) => () => void;
}

function createSelection(initial: string | undefined): Selection {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set: (next) => {
      if (next !== value) {
        value = next;
        for (const listener of listeners) listener();
      }
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

interface GroupContextValue {
  name: string;
  /** No `name` prop: the radios are grouped by a generated name but belong to no form. */
  formless: boolean;
  selection: Selection;
  select: (value: string) => void;
  required: boolean;
  disabled: boolean;
}

const GroupContext = createContext<GroupContextValue | null>(null);

/**
 * The radio group (APG pattern: Tab enters at the chosen card, arrow keys move and select), built
 * on native `<input type="radio">`s sharing one `name`, so the browser gives the keyboard model,
 * form submission and `required`. Name it with `aria-label` or `aria-labelledby`; it defaults to
 * the `listLabel` message. Controlled (`value`, `onValueChange`) or not (`defaultValue`).
 * @selector [data-slot="saved-card-list"]
 * @selector [data-disabled]
 */
export const SavedCardListRoot = forwardRef<HTMLDivElement, SavedCardListRootProps>(
  function SavedCardListRoot(
    {
      asChild,
      className,
      value: valueProp,
      defaultValue,
      onValueChange,
      name,
      required = false,
      disabled = false,
      ...props
    },
    ref,
  ) {
    const messages = useMessages();
    const generatedName = useId();
    const isControlled = valueProp !== undefined;
    useControlledSwitchWarning(isControlled, 'SavedCardList.Root');
    const [uncontrolled, setUncontrolled] = useState(defaultValue);
    const value = isControlled ? valueProp : uncontrolled;
    const [selection] = useState(() => createSelection(value));
    useIsomorphicLayoutEffect(() => selection.set(value), [selection, value]);
    const latest = useRef({ isControlled, onValueChange });
    latest.current = { isControlled, onValueChange };
    const select = useCallback((next: string) => {
      if (!latest.current.isControlled) {
        setUncontrolled(next);
      }
      latest.current.onValueChange?.(next);
    }, []);
    const context = useMemo(
      () => ({
        name: name ?? generatedName,
        formless: name === undefined,
        selection,
        select,
        required,
        disabled,
      }),
      [name, generatedName, selection, select, required, disabled],
    );
    const Comp = asChild ? Slot.Root : 'div';
    return (
      <GroupContext.Provider value={context}>
        <Comp
          ref={ref}
          role="radiogroup"
          aria-label={props['aria-labelledby'] ? undefined : messages.listLabel}
          aria-required={required || undefined}
          data-slot="saved-card-list"
          data-disabled={disabled ? '' : undefined}
          className={cn('sc-saved-card-list', className)}
          {...props}
        />
      </GroupContext.Provider>
    );
  },
);

/* -------------------------------------------------------------------------------------------------
 * SavedCardListList
 * -----------------------------------------------------------------------------------------------*/

// Rows inside a `SavedCardList.List` are its list items.
const InListContext = createContext(false);

export interface SavedCardListListProps extends HTMLAttributes<HTMLUListElement> {}

/**
 * The cards as a plain list, for an account page where nothing is being chosen (APG: no radio
 * group). Its rows are list items holding a `SavedCardList.Card` and the row's actions. Name it
 * with `aria-label` or `aria-labelledby`; it defaults to the `listLabel` message.
 * @selector [data-slot="saved-card-list"][data-variant="list"]
 */
export const SavedCardListList = forwardRef<HTMLUListElement, SavedCardListListProps>(
  function SavedCardListList({ className, 'aria-label': label, ...props }, ref) {
    const messages = useMessages();
    return (
      <InListContext.Provider value={true}>
        <ul
          ref={ref}
          // `list-style: none` drops the list role in Safari: say it.
          // biome-ignore lint/a11y/noRedundantRoles: see above
          role="list"
          aria-label={label ?? (props['aria-labelledby'] ? undefined : messages.listLabel)}
          data-slot="saved-card-list"
          data-variant="list"
          className={cn('sc-saved-card-list', className)}
          {...props}
        />
      </InListContext.Provider>
    );
  },
);

/* -------------------------------------------------------------------------------------------------
 * SavedCardListRow
 * -----------------------------------------------------------------------------------------------*/

export interface SavedCardListRowProps extends HTMLAttributes<HTMLElement>, AsChildProps {}

/**
 * One row: the card (its radio, or a `Card` in a `List`) plus, beside it, any row actions (never
 * inside the radio). A `<div>`, or an `<li>` inside `SavedCardList.List`.
 * @selector [data-slot="saved-card-list-row"]
 */
export const SavedCardListRow = forwardRef<HTMLElement, SavedCardListRowProps>(
  function SavedCardListRow({ asChild, className, ...props }, ref) {
    const inList = useContext(InListContext);
    // A div or an li (or yours, with asChild): typed as the div the ref and props also fit.
    const Comp = (asChild ? Slot.Root : inList ? 'li' : 'div') as 'div';
    return (
      <Comp
        ref={ref as Ref<HTMLDivElement>}
        data-slot="saved-card-list-row"
        className={cn('sc-saved-card-list-row', className)}
        {...props}
      />
    );
  },
);

/* -------------------------------------------------------------------------------------------------
 * SavedCardListItem
 * -----------------------------------------------------------------------------------------------*/

/** The parts that describe a card's radio (`aria-describedby`), in reading order. */
type DescriptionPart = 'holder' | 'status';
const DESCRIPTION_ORDER: readonly DescriptionPart[] = ['holder', 'status'];

interface ItemContextValue {
  card: SavedCard;
  /** Whether an Item's radio is chosen; `undefined` in a `Card`. */
  checked: boolean | undefined;
  /** The id of a describing part's element. */
  descriptionId: (part: DescriptionPart) => string;
  /** A describing part calls it while it is rendered; the returned function unregisters it. */
  registerDescription: (part: DescriptionPart) => () => void;
}

const ItemContext = createContext<ItemContextValue | null>(null);

function useItemContext(consumer: string): ItemContextValue {
  const context = useContext(ItemContext);
  if (!context) {
    throw new Error(
      `\`${consumer}\` must be used within \`SavedCardList.Item\` or \`SavedCardList.Card\``,
    );
  }
  return context;
}

function useDescription(part: DescriptionPart, rendered: boolean): string {
  const { descriptionId, registerDescription } = useItemContext(
    part === 'holder' ? 'SavedCardList.Holder' : 'SavedCardList.Badges',
  );
  useIsomorphicLayoutEffect(
    () => (rendered ? registerDescription(part) : undefined),
    [registerDescription, part, rendered],
  );
  return descriptionId(part);
}

export interface SavedCardListItemProps
  extends Omit<LabelHTMLAttributes<HTMLLabelElement>, 'onChange'>,
    AsChildProps {
  card: SavedCard;
  /** Not choosable; by default cards that cannot be charged (pending, failed, expired). */
  disabled?: boolean;
  /** The radio's `change` event (the card's `onValueChange` is on the Root). */
  onChange?: ChangeEventHandler<HTMLInputElement>;
}

/** The context the describing parts read, and the `aria-describedby` of what they rendered. */
function useItem(card: SavedCard, custom: boolean, checked?: boolean) {
  const id = useId();
  const [registered, setRegistered] = useState<readonly DescriptionPart[]>([]);
  const registerDescription = useCallback((part: DescriptionPart) => {
    setRegistered((parts) => (parts.includes(part) ? parts : [...parts, part]));
    return () => setRegistered((parts) => parts.filter((candidate) => candidate !== part));
  }, []);
  const descriptionId = useCallback((part: DescriptionPart) => `${id}-${part}`, [id]);
  const context = useMemo(
    () => ({ card, checked, descriptionId, registerDescription }),
    [card, checked, descriptionId, registerDescription],
  );
  // The default layout is known while rendering (so the server's HTML has it too); custom
  // children say which describing parts they rendered once they mount.
  const described = custom
    ? registered
    : DESCRIPTION_ORDER.filter((part) => part !== 'holder' || card.holderName);
  const describedBy = DESCRIPTION_ORDER.filter((part) => described.includes(part))
    .map(descriptionId)
    .join(' ');
  return { context, describedBy: describedBy || undefined };
}

/** The default layout of a card, with or without the radio's circle. */
function CardLayout({ radio }: { radio: boolean }) {
  // The parts' default markup, written out: a row is then one component, not ten (a thousand-card
  // list renders close to plain React). Keep it the same DOM as the parts render.
  const { card, checked, descriptionId } = useItemContext('SavedCardList.Item');
  const messages = useMessages();
  const state = checked ? 'checked' : 'unchecked';
  const expiry = formatExpiry(card);
  return (
    <>
      {radio ? (
        <span data-slot="saved-card-radio" data-state={state} aria-hidden="true">
          <span data-slot="saved-card-radio-indicator" data-state={state} />
        </span>
      ) : null}
      <span
        aria-hidden="true"
        data-slot="card-brand-mark"
        data-brand={card.brand}
        className="sc-card-brand-mark"
      />
      <span data-slot="saved-card-details">
        <span data-slot="saved-card-number">
          <bdi data-slot="saved-card-name">{card.nickname ?? messages.brandName(card.brand)}</bdi>{' '}
          <span data-slot="saved-card-last4" dir="ltr">
            {messages.maskedNumber(card)}
          </span>
        </span>
        {card.holderName ? (
          <span id={descriptionId('holder')} data-slot="saved-card-holder" dir="auto">
            {card.holderName}
          </span>
        ) : null}
      </span>
      {expiry === null ? null : (
        <span data-slot="saved-card-expiry">
          {card.expiry === 'expired' ? messages.expired(expiry) : messages.expires(expiry)}
        </span>
      )}
      <span id={descriptionId('status')} data-slot="saved-card-badges">
        {cardBadges(card).map((variant) => (
          <span
            key={variant}
            data-slot="saved-card-badge"
            data-variant={variant}
            aria-hidden={IN_NAME.has(variant) ? true : undefined}
          >
            {badgeText(messages, variant)}
          </span>
        ))}
        {card.state === 'failed' && card.errorMessage ? (
          <span data-slot="saved-card-error" dir="auto">
            {card.errorMessage}
          </span>
        ) : null}
      </span>
    </>
  );
}

/**
 * A card as a radio: a `<label>` (the card, where props and `className` go) holding a native
 * `<input type="radio">` (the ref) and the card's parts. Its accessible name reads like "Visa ending in 4242, expires 04/27, default";
 * holder name and status badges are its description. Cards that cannot be charged (pending,
 * failed, expired) are disabled unless `disabled` says otherwise. Without children it renders
 * the default layout from the parts below; with children, `aria-describedby` names only the
 * `Holder` and `Badges` parts that are actually rendered inside it.
 * @selector [data-slot="saved-card-list-item"]
 * @selector [data-slot="saved-card-radio-input"] the radio, laid over the card
 * @selector [data-state="checked" | "unchecked"] selection
 * @selector [data-card-state="success" | "pending" | "failed" | "unknown"]
 * @selector [data-expiry="valid" | "expiring" | "expired" | "unknown"]
 * @selector [data-default] the customer's default card
 * @selector [data-disabled]
 */
export const SavedCardListItem = forwardRef<HTMLInputElement, SavedCardListItemProps>(
  function SavedCardListItem(
    { card, asChild, className, children, disabled, onChange, ...props },
    ref,
  ) {
    const messages = useMessages();
    const group = useContext(GroupContext);
    if (!group) {
      throw new Error('`SavedCardList.Item` must be used within `SavedCardList.Root`');
    }
    const { selection } = group;
    const isChosen = () => selection.get() === card.token;
    const checked = useSyncExternalStore(selection.subscribe, isChosen, isChosen);
    const isDisabled = group.disabled || (disabled ?? !isUsableCard(card));
    const { context, describedBy } = useItem(card, children !== undefined, checked);
    const content = children ?? <CardLayout radio />;
    const Comp = asChild ? Slot.Root : 'label';
    return (
      <ItemContext.Provider value={context}>
        <Comp
          data-slot="saved-card-list-item"
          data-state={checked ? 'checked' : 'unchecked'}
          data-disabled={isDisabled ? '' : undefined}
          data-card-state={card.state}
          data-expiry={card.expiry}
          data-default={card.isDefault ? '' : undefined}
          className={cn('sc-saved-card', className)}
          {...props}
        >
          {/* Over the whole card (styles.css), so it takes the clicks and draws the focus ring. */}
          <input
            ref={ref}
            type="radio"
            name={group.name}
            // No `name` given: grouped (one Tab stop, arrow keys) but never submitted.
            form={group.formless ? '' : undefined}
            value={card.token}
            checked={checked}
            disabled={isDisabled}
            required={group.required}
            aria-label={messages.cardLabel(card)}
            aria-describedby={describedBy}
            data-slot="saved-card-radio-input"
            onChange={(event) => {
              onChange?.(event);
              if (event.target.checked) {
                group.select(card.token);
              }
            }}
          />
          {asChild ? <Slot.Slottable>{content}</Slot.Slottable> : content}
        </Comp>
      </ItemContext.Provider>
    );
  },
);

/* -------------------------------------------------------------------------------------------------
 * SavedCardListCard
 * -----------------------------------------------------------------------------------------------*/

export interface SavedCardListCardProps extends HTMLAttributes<HTMLDivElement> {
  card: SavedCard;
}

/**
 * A card shown, not chosen (inside `SavedCardList.List`): a group named like the radio ("Visa
 * ending in 4242, expires 04/27, default") and described by its holder and badges, with the same
 * parts as `Item` (without `Indicator`). Focusable from script only (`tabIndex={-1}`), so focus can
 * land on it when a row's button goes away.
 * @selector [data-slot="saved-card-list-item"][data-variant="card"]
 * @selector [data-card-state], [data-expiry], [data-default] as on `Item`
 */
export const SavedCardListCard = forwardRef<HTMLDivElement, SavedCardListCardProps>(
  function SavedCardListCard({ card, className, children, ...props }, ref) {
    const messages = useMessages();
    const { context, describedBy } = useItem(card, children !== undefined);
    return (
      <ItemContext.Provider value={context}>
        {/* biome-ignore lint/a11y/useSemanticElements: a named group of text, not a form's fieldset */}
        <div
          ref={ref}
          role="group"
          tabIndex={-1}
          aria-label={messages.cardLabel(card)}
          aria-describedby={describedBy}
          data-slot="saved-card-list-item"
          data-variant="card"
          data-card-state={card.state}
          data-expiry={card.expiry}
          data-default={card.isDefault ? '' : undefined}
          className={cn('sc-saved-card', className)}
          {...props}
        >
          {children ?? <CardLayout radio={false} />}
        </div>
      </ItemContext.Provider>
    );
  },
);

/* -------------------------------------------------------------------------------------------------
 * SavedCardListIndicator
 * -----------------------------------------------------------------------------------------------*/

export interface SavedCardListIndicatorProps
  extends HTMLAttributes<HTMLSpanElement>,
    AsChildProps {}

/**
 * The radio's circle (decorative, drawn by CSS); by default it holds the dot shown while the card
 * is selected. Both carry the Item's `data-state`.
 * @selector [data-slot="saved-card-radio"][data-state="checked" | "unchecked"]
 * @selector [data-slot="saved-card-radio-indicator"] the dot
 */
export const SavedCardListIndicator = forwardRef<HTMLSpanElement, SavedCardListIndicatorProps>(
  function SavedCardListIndicator({ asChild, children, ...props }, ref) {
    const { checked } = useItemContext('SavedCardList.Indicator');
    const state = checked ? 'checked' : 'unchecked';
    const Comp = asChild ? Slot.Root : 'span';
    return (
      <Comp ref={ref} data-slot="saved-card-radio" data-state={state} aria-hidden="true" {...props}>
        {children ?? <span data-slot="saved-card-radio-indicator" data-state={state} />}
      </Comp>
    );
  },
);

/* -------------------------------------------------------------------------------------------------
 * SavedCardListBrand
 * -----------------------------------------------------------------------------------------------*/

export interface SavedCardListBrandProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  /** Your own mark (with `asChild`): it receives `data-brand` and `aria-hidden`. */
  children?: ReactNode;
}

/**
 * The card's brand mark, decorative (`aria-hidden`): the radio's name already says the brand. By
 * default a `CardBrandMark` (one element drawn by styles.css).
 * @selector [data-slot="card-brand-mark"][data-brand="visa" | "mastercard" | …]
 */
export const SavedCardListBrand = forwardRef<HTMLElement, SavedCardListBrandProps>(
  function SavedCardListBrand({ asChild, children, ...props }, ref) {
    const { card } = useItemContext('SavedCardList.Brand');
    if (asChild) {
      return (
        <Slot.Root
          // Your element may be an <img> or <span>: the ref is whatever you render.
          ref={ref}
          aria-hidden="true"
          data-slot="card-brand-mark"
          data-brand={card.brand}
          {...props}
        >
          {children}
        </Slot.Root>
      );
    }
    return <CardBrandMark ref={ref as Ref<HTMLSpanElement>} brand={card.brand} {...props} />;
  },
);

/* -------------------------------------------------------------------------------------------------
 * SavedCardListNumber
 * -----------------------------------------------------------------------------------------------*/

export interface SavedCardListNumberProps extends HTMLAttributes<HTMLSpanElement>, AsChildProps {}

/**
 * The card's nickname (or brand name) and masked number: "Visa •••• 4242".
 * @selector [data-slot="saved-card-number"]
 * @selector [data-slot="saved-card-last4"]
 */
export const SavedCardListNumber = forwardRef<HTMLSpanElement, SavedCardListNumberProps>(
  function SavedCardListNumber({ asChild, children, ...props }, ref) {
    const { card } = useItemContext('SavedCardList.Number');
    const messages = useMessages();
    const Comp = asChild ? Slot.Root : 'span';
    return (
      <Comp ref={ref} data-slot="saved-card-number" {...props}>
        {children ?? (
          <>
            {/* Isolated, so a right-to-left nickname never reorders the masked number. */}
            <bdi data-slot="saved-card-name">{card.nickname ?? messages.brandName(card.brand)}</bdi>{' '}
            <span data-slot="saved-card-last4" dir="ltr">
              {messages.maskedNumber(card)}
            </span>
          </>
        )}
      </Comp>
    );
  },
);

/* -------------------------------------------------------------------------------------------------
 * SavedCardListHolder
 * -----------------------------------------------------------------------------------------------*/

export interface SavedCardListHolderProps extends HTMLAttributes<HTMLSpanElement>, AsChildProps {}

/**
 * The name on the card, part of the radio's description. Renders nothing when the card has no
 * holder name (and no children are given).
 * @selector [data-slot="saved-card-holder"]
 */
export const SavedCardListHolder = forwardRef<HTMLSpanElement, SavedCardListHolderProps>(
  function SavedCardListHolder({ asChild, children, ...props }, ref) {
    const { card } = useItemContext('SavedCardList.Holder');
    const content = children ?? (card.holderName || null);
    const id = useDescription('holder', content !== null);
    if (content === null) {
      return null;
    }
    const Comp = asChild ? Slot.Root : 'span';
    return (
      <Comp ref={ref} id={id} data-slot="saved-card-holder" dir="auto" {...props}>
        {content}
      </Comp>
    );
  },
);

/* -------------------------------------------------------------------------------------------------
 * SavedCardListExpiry
 * -----------------------------------------------------------------------------------------------*/

export interface SavedCardListExpiryProps extends HTMLAttributes<HTMLSpanElement>, AsChildProps {}

/**
 * "Expires 04/27" or "Expired 01/24". Renders nothing when the gateway sent no usable expiry.
 * @selector [data-slot="saved-card-expiry"]
 */
export const SavedCardListExpiry = forwardRef<HTMLSpanElement, SavedCardListExpiryProps>(
  function SavedCardListExpiry({ asChild, children, ...props }, ref) {
    const { card } = useItemContext('SavedCardList.Expiry');
    const messages = useMessages();
    const expiry = formatExpiry(card);
    const content =
      children ??
      (expiry === null
        ? null
        : card.expiry === 'expired'
          ? messages.expired(expiry)
          : messages.expires(expiry));
    if (content === null) {
      return null;
    }
    const Comp = asChild ? Slot.Root : 'span';
    return (
      <Comp ref={ref} data-slot="saved-card-expiry" {...props}>
        {content}
      </Comp>
    );
  },
);

/* -------------------------------------------------------------------------------------------------
 * SavedCardListBadges, SavedCardListBadge
 * -----------------------------------------------------------------------------------------------*/

export interface SavedCardListBadgesProps extends HTMLAttributes<HTMLSpanElement>, AsChildProps {}

/**
 * The card's status badges (default, pending, failed, expired, expiring soon) and the gateway's
 * reason for a failed token: part of the radio's description.
 * @selector [data-slot="saved-card-badges"]
 * @selector [data-slot="saved-card-error"]
 */
export const SavedCardListBadges = forwardRef<HTMLSpanElement, SavedCardListBadgesProps>(
  function SavedCardListBadges({ asChild, children, ...props }, ref) {
    const { card } = useItemContext('SavedCardList.Badges');
    const id = useDescription('status', true);
    const Comp = asChild ? Slot.Root : 'span';
    return (
      <Comp ref={ref} id={id} data-slot="saved-card-badges" {...props}>
        {children ?? (
          <>
            {cardBadges(card).map((variant) => (
              <SavedCardListBadge key={variant} variant={variant} />
            ))}
            {card.state === 'failed' && card.errorMessage ? (
              <span data-slot="saved-card-error" dir="auto">
                {card.errorMessage}
              </span>
            ) : null}
          </>
        )}
      </Comp>
    );
  },
);

// Already said by the accessible name, so hidden from the description.
const IN_NAME = new Set<CardBadgeVariant>(['default', 'expired']);

export interface SavedCardListBadgeProps extends HTMLAttributes<HTMLSpanElement>, AsChildProps {
  variant: CardBadgeVariant;
}

/**
 * One status badge, worded by `variant` unless given children. "Default" and "Expired" are
 * hidden from assistive technology: the radio's name already says them.
 * @selector [data-slot="saved-card-badge"][data-variant="default" | "expiring" | "expired" | "pending" | "failed"]
 */
export const SavedCardListBadge = forwardRef<HTMLSpanElement, SavedCardListBadgeProps>(
  function SavedCardListBadge({ asChild, variant, children, ...props }, ref) {
    const messages = useMessages();
    const Comp = asChild ? Slot.Root : 'span';
    return (
      <Comp
        ref={ref}
        data-slot="saved-card-badge"
        data-variant={variant}
        aria-hidden={IN_NAME.has(variant) ? true : undefined}
        {...props}
      >
        {children ?? badgeText(messages, variant)}
      </Comp>
    );
  },
);
