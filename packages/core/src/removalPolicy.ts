import { isUsableCard as isUsable } from './cards.js';
import type { SavedCard } from './types.js';

/** Why a card may not be removed. */
export type RemovalRefusal = 'default' | 'last-card' | 'in-use';

export type RemovalDecision = { allowed: true } | { allowed: false; reason: RemovalRefusal };

export interface RemovalContext {
  /** Every saved card of the customer, as shown. */
  cards: readonly SavedCard[];
}

/** Decides whether a card may be removed; replace it with your own to change the rules. */
export type CanRemove = (card: SavedCard, context: RemovalContext) => RemovalDecision;

export interface RemovalPolicyOptions {
  /** Refuse to remove the default card (make another card the default first). Default false. */
  protectDefault?: boolean;
  /** Refuse to remove the last usable card, e.g. for a live subscription. Default false. */
  protectLastCard?: boolean;
  /** Cards your business still needs (open orders, subscriptions): tokens, or a test. */
  inUse?: readonly string[] | ((card: SavedCard) => boolean);
}

/**
 * The built-in removal rules. With no options every card may be removed: customers stay in
 * control, and each protection is a merchant's explicit choice.
 */
export function createRemovalPolicy(options: RemovalPolicyOptions = {}): CanRemove {
  const { protectDefault = false, protectLastCard = false, inUse } = options;
  const isInUse =
    typeof inUse === 'function' ? inUse : (card: SavedCard) => inUse?.includes(card.token) ?? false;
  return (card, { cards }) => {
    if (isInUse(card)) {
      return { allowed: false, reason: 'in-use' };
    }
    if (protectDefault && card.isDefault) {
      return { allowed: false, reason: 'default' };
    }
    if (protectLastCard && isUsable(card) && cards.filter(isUsable).length <= 1) {
      return { allowed: false, reason: 'last-card' };
    }
    return { allowed: true };
  };
}

/**
 * The card to make default after `removed` (the default) goes: the first other usable card, if any.
 */
export function pickPromotionCandidate(
  removed: SavedCard,
  cards: readonly SavedCard[],
): SavedCard | undefined {
  return cards.find((card) => card.token !== removed.token && isUsable(card));
}

/**
 * The card whose row takes focus after `removed`'s row goes: the next card as shown, else the
 * previous one; `undefined` when no card is left (focus the list itself).
 */
export function pickFocusAfterRemoval(
  removed: SavedCard,
  cards: readonly SavedCard[],
): SavedCard | undefined {
  const index = cards.findIndex((card) => card.token === removed.token);
  if (index === -1) {
    return undefined;
  }
  return cards[index + 1] ?? cards[index - 1];
}

export interface RemovalPlanOptions extends RemovalContext {
  canRemove: CanRemove;
  /** After removing the default card, make the first other usable card the default. */
  promoteDefaultOnRemove?: boolean;
}

/** What removing a card would do: refused with a reason, or where focus goes and who is promoted. */
export type RemovalPlan =
  | { allowed: false; reason: RemovalRefusal }
  | {
      allowed: true;
      /** The neighbour whose row takes focus; `undefined`: the list itself (no card left). */
      focusAfter: SavedCard | undefined;
      /** The card to make default once the removal succeeds, if any. */
      promoteTo: SavedCard | undefined;
    };

/** The removal policy, the focus target and the promotion, decided together for one card. */
export function planRemoval(card: SavedCard, options: RemovalPlanOptions): RemovalPlan {
  const { cards, canRemove, promoteDefaultOnRemove = false } = options;
  const decision = canRemove(card, { cards });
  if (!decision.allowed) {
    return decision;
  }
  return {
    allowed: true,
    focusAfter: pickFocusAfterRemoval(card, cards),
    promoteTo:
      promoteDefaultOnRemove && card.isDefault ? pickPromotionCandidate(card, cards) : undefined,
  };
}
