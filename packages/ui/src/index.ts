'use client';

export { AddCardFlow } from './AddCardFlow/AddCardFlow.js';
export type { AddCardFlowProps, VerificationMode } from './AddCardFlow/AddCardFlow.js';
export { CardForm } from './AddCardFlow/CardForm.js';
export type { CardFormProps } from './AddCardFlow/CardForm.js';
export { Announcements, useAnnouncer } from './Announcements.js';
export type { AnnounceOptions, AnnouncementsProps, Announcer } from './Announcements.js';
export { CardBrandMark } from './CardBrandMark.js';
export type { CardBrandMarkProps } from './CardBrandMark.js';
export { DefaultMethodPicker } from './DefaultMethodPicker/DefaultMethodPicker.js';
export type { DefaultMethodPickerProps } from './DefaultMethodPicker/DefaultMethodPicker.js';
export { composeMessages } from './locales/compose.js';
export type { ExpiryWords, SavedCardsLocale } from './locales/compose.js';
export { enLocale } from './locales/en.js';
export { zhCNLocale, zhCNMessages } from './locales/zhCN.js';
export { zhHKLocale, zhHKMessages } from './locales/zhHK.js';
export { formatExpiry, formatExpiryMonth } from './locales/format.js';
export {
  badgeText,
  cardBadges,
  describeOutcome,
  enMessages,
  MessagesContext,
  SavedCardsMessagesProvider,
  useMessages,
} from './messages.js';
export type {
  CardBadgeVariant,
  PaymentAmount,
  SavedCardsMessages,
  SavedCardsMessagesProviderProps,
} from './messages.js';
export { PayButton } from './PayButton/PayButton.js';
export type { PayButtonProps } from './PayButton/PayButton.js';
export { SavedCardListActions } from './SavedCardList/actions.js';
export type { SavedCardAction, SavedCardListActionsProps } from './SavedCardList/actions.js';
export { RemoveCardDialog } from './SavedCardList/RemoveCardDialog.js';
export type { RemoveCardDialogProps } from './SavedCardList/RemoveCardDialog.js';
export { rowActions } from './SavedCardList/rowActions.js';
export {
  SavedCardListBadge,
  SavedCardListBadges,
  SavedCardListBrand,
  SavedCardListCard,
  SavedCardListExpiry,
  SavedCardListHolder,
  SavedCardListIndicator,
  SavedCardListItem,
  SavedCardListList,
  SavedCardListNumber,
  SavedCardListRoot,
  SavedCardListRow,
} from './SavedCardList/parts.js';
export type {
  SavedCardListBadgeProps,
  SavedCardListBadgesProps,
  SavedCardListBrandProps,
  SavedCardListCardProps,
  SavedCardListExpiryProps,
  SavedCardListHolderProps,
  SavedCardListIndicatorProps,
  SavedCardListItemProps,
  SavedCardListListProps,
  SavedCardListNumberProps,
  SavedCardListRootProps,
  SavedCardListRowProps,
} from './SavedCardList/parts.js';
export {
  SavedCardListEmpty,
  SavedCardListError,
  SavedCardListSkeleton,
  SavedCardListStates,
} from './SavedCardList/states.js';
export type {
  SavedCardListEmptyProps,
  SavedCardListErrorProps,
  SavedCardListSkeletonProps,
  SavedCardListStatesProps,
  SavedCardListStatesQuery,
} from './SavedCardList/states.js';
export { SavedCardList } from './SavedCardList/SavedCardList.js';
export type {
  SavedCardListProps,
  SavedCardListRowActions,
} from './SavedCardList/SavedCardList.js';
