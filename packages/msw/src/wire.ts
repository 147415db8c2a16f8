/** The wire shapes the mock writes: `@savedcards/wire`'s, re-exported for the mock's users. */
export type { WireCreditCard, WireCustomer, WireToken, WireTokenState } from '@savedcards/wire';
