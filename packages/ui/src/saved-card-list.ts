'use client';

// `@savedcards/ui/saved-card-list`: SavedCardList and its row actions, for `lazy(() => import(…))`
// (issue 15). A checkout that never calls `rowActions` does not ship the remove dialog.
export type { SavedCardAction } from './SavedCardList/actions.js';
export { rowActions } from './SavedCardList/rowActions.js';
export { SavedCardList } from './SavedCardList/SavedCardList.js';
export type { SavedCardListProps, SavedCardListRowActions } from './SavedCardList/SavedCardList.js';
