import { isUsableCard, type SavedCard } from '@savedcards/core';
import { RadioGroup, Slot } from 'radix-ui';
import {
  type ComponentPropsWithoutRef,
  type ComponentRef,
  createContext,
  forwardRef,
  type HTMLAttributes,
  type ReactNode,
  type Ref,
  type RefObject,
  type SVGProps,
  useCallback,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { CardBrandMark } from '../CardBrandMark.js';
import { cn } from '../cn.js';
import { formatExpiry } from '../locales/format.js';
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

export type SavedCardListRootProps = ComponentPropsWithoutRef<typeof RadioGroup.Root>;

const ARROW_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);
// Set by an arrow key in the group; the item that receives focus next selects itself.
const ArrowMoveContext = createContext<RefObject<boolean> | null>(null);

/**
 * The radio group (APG pattern: Tab enters, arrow keys move and select). Name it with `aria-label`
 * or `aria-labelledby`; it defaults to the `listLabel` message. Radix writes `dir="ltr"` on the group
 * unless told otherwise, so without a `dir` prop (or Radix's `Direction.Provider`) the group takes
 * the page's direction after mounting (`dir="rtl"` on an ancestor), never reading the DOM in render.
 * Controlled (`value`, `onValueChange`) or not (`defaultValue`), as Radix's `RadioGroup.Root`.
 * @selector [data-slot="saved-card-list"]
 */
export const SavedCardListRoot = forwardRef<
  ComponentRef<typeof RadioGroup.Root>,
  SavedCardListRootProps
>(function SavedCardListRoot({ className, onKeyDownCapture, onPointerDownCapture, ...props }, ref) {
  const messages = useMessages();
  const own = useRef<HTMLDivElement | null>(null);
  const [pageDir, setPageDir] = useState<'rtl' | undefined>(undefined);
  const setRef = useCallback(
    (element: HTMLDivElement | null) => {
      own.current = element;
      if (typeof ref === 'function') {
        ref(element);
      } else if (ref) {
        ref.current = element;
      }
    },
    [ref],
  );
  useEffect(() => {
    const parent = own.current?.parentElement;
    if (parent && getComputedStyle(parent).direction === 'rtl') {
      setPageDir('rtl');
    }
  }, []);
  // Radix selects on the focus that follows an arrow key only while the key is still down, and it
  // moves focus a tick later: a quick press (automation, some assistive tech) would move focus
  // without selecting. Remember the arrow key until that focus arrives instead: any other key or a
  // pointer press forgets it (so a later Tab or click into the group does not select), and so does
  // a second, in case focus never moved (a busy page can take well over 100 ms to move it).
  const arrowMove = useRef(false);
  const forget = useRef<ReturnType<typeof setTimeout>>(undefined);
  return (
    <ArrowMoveContext.Provider value={arrowMove}>
      <RadioGroup.Root
        ref={setRef}
        dir={props.dir ?? pageDir}
        orientation="vertical"
        aria-label={props['aria-labelledby'] ? undefined : messages.listLabel}
        data-slot="saved-card-list"
        className={cn('sc-saved-card-list', className)}
        onKeyDownCapture={(event) => {
          onKeyDownCapture?.(event);
          arrowMove.current = ARROW_KEYS.has(event.key);
          clearTimeout(forget.current);
          if (arrowMove.current) {
            forget.current = setTimeout(() => {
              arrowMove.current = false;
            }, 1000);
          }
        }}
        onPointerDownCapture={(event) => {
          onPointerDownCapture?.(event);
          arrowMove.current = false;
        }}
        {...props}
      />
    </ArrowMoveContext.Provider>
  );
});

/* -------------------------------------------------------------------------------------------------
 * SavedCardListRow
 * -----------------------------------------------------------------------------------------------*/

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
  extends Omit<ComponentPropsWithoutRef<typeof RadioGroup.Item>, 'value'> {
  card: SavedCard;
}

/**
 * A card as a radio. Its accessible name reads like "Visa ending in 4242, expires 04/27, default";
 * holder name and status badges are its description. Cards that cannot be charged (pending,
 * failed, expired) are disabled unless `disabled` says otherwise. Without children it renders
 * the default layout from the parts below; with children, `aria-describedby` names only the
 * `Holder` and `Badges` parts that are actually rendered inside it.
 * @selector [data-slot="saved-card-list-item"]
 * @selector [data-state="checked" | "unchecked"] selection
 * @selector [data-card-state="success" | "pending" | "failed" | "unknown"]
 * @selector [data-expiry="valid" | "expiring" | "expired" | "unknown"]
 * @selector [data-default] the customer's default card
 * @selector [data-disabled]
 */
/** The context the describing parts read, and the `aria-describedby` of what they rendered. */
function useItem(card: SavedCard, custom: boolean) {
  const id = useId();
  const [registered, setRegistered] = useState<readonly DescriptionPart[]>([]);
  const registerDescription = useCallback((part: DescriptionPart) => {
    setRegistered((parts) => (parts.includes(part) ? parts : [...parts, part]));
    return () => setRegistered((parts) => parts.filter((candidate) => candidate !== part));
  }, []);
  const descriptionId = useCallback((part: DescriptionPart) => `${id}-${part}`, [id]);
  const context = useMemo(
    () => ({ card, descriptionId, registerDescription }),
    [card, descriptionId, registerDescription],
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
  return (
    <>
      {radio ? <SavedCardListIndicator /> : null}
      <SavedCardListBrand />
      <span data-slot="saved-card-details">
        <SavedCardListNumber />
        <SavedCardListHolder />
      </span>
      <SavedCardListExpiry />
      <SavedCardListBadges />
    </>
  );
}

export const SavedCardListItem = forwardRef<
  ComponentRef<typeof RadioGroup.Item>,
  SavedCardListItemProps
>(function SavedCardListItem({ card, className, children, disabled, onFocus, ...props }, ref) {
  const messages = useMessages();
  const arrowMove = useContext(ArrowMoveContext);
  const { context, describedBy } = useItem(card, children !== undefined);
  return (
    <ItemContext.Provider value={context}>
      <RadioGroup.Item
        ref={ref}
        value={card.token}
        disabled={disabled ?? !isUsableCard(card)}
        aria-label={messages.cardLabel(card)}
        aria-describedby={describedBy}
        data-slot="saved-card-list-item"
        data-card-state={card.state}
        data-expiry={card.expiry}
        data-default={card.isDefault ? '' : undefined}
        className={cn('sc-saved-card', className)}
        onFocus={(event) => {
          onFocus?.(event);
          if (arrowMove?.current) {
            arrowMove.current = false;
            event.currentTarget.click();
          }
        }}
        {...props}
      >
        {children ?? <CardLayout radio />}
      </RadioGroup.Item>
    </ItemContext.Provider>
  );
});

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
 * The radio's circle (decorative); by default it holds Radix's `RadioGroup.Indicator`, the dot
 * shown while the card is selected.
 * @selector [data-slot="saved-card-radio"]
 * @selector [data-slot="saved-card-radio-indicator"] the dot
 */
export const SavedCardListIndicator = forwardRef<HTMLSpanElement, SavedCardListIndicatorProps>(
  function SavedCardListIndicator({ asChild, children, ...props }, ref) {
    useItemContext('SavedCardList.Indicator');
    const Comp = asChild ? Slot.Root : 'span';
    return (
      <Comp ref={ref} data-slot="saved-card-radio" aria-hidden="true" {...props}>
        {children ?? <RadioGroup.Indicator data-slot="saved-card-radio-indicator" />}
      </Comp>
    );
  },
);

/* -------------------------------------------------------------------------------------------------
 * SavedCardListBrand
 * -----------------------------------------------------------------------------------------------*/

export interface SavedCardListBrandProps
  extends Omit<SVGProps<SVGSVGElement>, 'ref' | 'children'>,
    AsChildProps {
  /** Your own mark (with `asChild`): it receives `data-brand` and `aria-hidden`. */
  children?: ReactNode;
}

/**
 * The card's brand mark, decorative (`aria-hidden`): the radio's name already says the brand.
 * @selector [data-slot="card-brand-mark"][data-brand="visa" | "mastercard" | …]
 */
export const SavedCardListBrand = forwardRef<SVGSVGElement, SavedCardListBrandProps>(
  function SavedCardListBrand({ asChild, children, ...props }, ref) {
    const { card } = useItemContext('SavedCardList.Brand');
    if (asChild) {
      return (
        <Slot.Root
          // Your element may be an <img> or <span>: the ref is whatever you render.
          ref={ref as Ref<HTMLElement>}
          aria-hidden="true"
          data-slot="card-brand-mark"
          data-brand={card.brand}
          {...(props as HTMLAttributes<HTMLElement>)}
        >
          {children}
        </Slot.Root>
      );
    }
    return <CardBrandMark ref={ref} brand={card.brand} {...props} />;
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
