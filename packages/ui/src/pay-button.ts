'use client';

// `@savedcards/ui/pay-button`: PayButton alone, for `lazy(() => import(…))` (issue 15).
export { PayButton } from './PayButton/PayButton.js';
export type { PayButtonProps } from './PayButton/PayButton.js';
