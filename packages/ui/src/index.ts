'use client';

export { CardBrandMark } from './CardBrandMark.js';
export type { CardBrandMarkProps } from './CardBrandMark.js';
export { enMessages, formatExpiry, MessagesContext, useMessages } from './messages.js';
export type { SavedCardsMessages } from './messages.js';
export {
  SavedCardListEmpty,
  SavedCardListError,
  SavedCardListItem,
  SavedCardListRoot,
  SavedCardListRow,
  SavedCardListSkeleton,
} from './SavedCardList/parts.js';
export type {
  SavedCardListErrorProps,
  SavedCardListItemProps,
  SavedCardListRootProps,
} from './SavedCardList/parts.js';
export { SavedCardList } from './SavedCardList/SavedCardList.js';
export type { SavedCardListProps } from './SavedCardList/SavedCardList.js';
