'use client';

// `@savedcards/ui/add-card-flow`: AddCardFlow alone, for `lazy(() => import(…))` (issue 15). The
// same modules as the main entry, so a page that also imports from `@savedcards/ui` shares them.
export { AddCardFlow } from './AddCardFlow/AddCardFlow.js';
export type { AddCardFlowProps, VerificationMode } from './AddCardFlow/AddCardFlow.js';
export { CardForm } from './AddCardFlow/CardForm.js';
export type { CardFormProps } from './AddCardFlow/CardForm.js';
