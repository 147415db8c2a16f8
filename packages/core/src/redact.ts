/**
 * Strips anything that looks like a card number or CVC from free text before it can reach an error
 * message, a log line or the screen (`@savedcards/wire`'s rule, shared with the proxy).
 */
export { redactCardData } from '@savedcards/wire';
