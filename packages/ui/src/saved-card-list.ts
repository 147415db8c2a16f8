'use client';

// `@savedcards/ui/saved-card-list`: SavedCardList alone, for `lazy(() => import(…))` (issue 15).
export { SavedCardList } from './SavedCardList/SavedCardList.js';
export type { SavedCardListProps } from './SavedCardList/SavedCardList.js';
