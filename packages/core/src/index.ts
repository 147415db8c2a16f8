export { isUsableCard, pickInitialCard, selectUsableCards, sortDefaultFirst } from './cards.js';
export { CSRF_HEADER, CSRF_HEADER_VALUE, createGatewayClient } from './client.js';
export type {
  GatewayClient,
  GatewayClientOptions,
  GatewayMethod,
  GatewayRequest,
  HeadersOption,
} from './client.js';
export { getCustomer, setDefaultPaymentToken, upsertCustomer } from './customers.js';
export type { CallOptions, CustomerProfileInput } from './customers.js';
export { readEnvelope } from './envelope.js';
export type { Envelope } from './envelope.js';
export { GatewayError, isGatewayError, isRetryableError } from './errors.js';
export type { GatewayErrorInit, GatewayErrorKind } from './errors.js';
export { getExpiryStatus } from './expiry.js';
export { savedCardsKeys } from './keys.js';
export type { PaymentTokenFilters } from './keys.js';
export {
  normalizeBrand,
  normalizeCustomer,
  normalizeExpMonth,
  normalizeExpYear,
  normalizeSavedCard,
  normalizeTokenState,
  normalizeTokenType,
  readLast4,
} from './normalize.js';
export type { NormalizeCardContext } from './normalize.js';
export { gatewayPaths, OPENAPI_PREFIX, wireTokenTypes } from './paths.js';
export { deletePaymentToken, listPaymentTokens } from './paymentTokens.js';
export type { ListPaymentTokensOptions } from './paymentTokens.js';
export { redactCardData } from './redact.js';
export { createRemovalPolicy, pickPromotionCandidate } from './removalPolicy.js';
export type {
  CanRemove,
  RemovalContext,
  RemovalDecision,
  RemovalPolicyOptions,
  RemovalRefusal,
} from './removalPolicy.js';
export type {
  CardBrand,
  Customer,
  ExpiryStatus,
  GatewayLang,
  PaymentTokenState,
  PaymentTokenType,
  SavedCard,
} from './types.js';
