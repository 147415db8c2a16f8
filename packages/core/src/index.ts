export { AddCardObserver } from './addCardObserver.js';
export type { DiscardTokenOptions } from './discardToken.js';
export { discardToken } from './discardToken.js';
export type {
  AddCardEncryption,
  AddCardFinished,
  AddCardObserverOptions,
  AddCardSuccess,
  AddCardSubmitOptions,
  TimerSource,
  VisibilitySource,
} from './addCardObserver.js';
export { CARD_BRAND_NAMES, cardBrandName } from './brandNames.js';
export { isUsableCard, pickInitialCard, selectUsableCards, sortDefaultFirst } from './cards.js';
export {
  cvcLengths,
  detectCardBrand,
  formatCardNumber,
  formatExpiryInput,
  MAX_CARD_TEXT_LENGTH,
  maxCardNumberLength,
  parseExpiryInput,
  SUPPORTED_CARD_BRANDS,
  validateCardForm,
  validateCardNumber,
  validateCvc,
  validateExpiry,
  validateHolderName,
} from './cardInput.js';
export type {
  CardFieldError,
  CardFormField,
  CardFormValidation,
  CardFormValues,
  CardNumberValidation,
  ExpiryValidation,
  SupportedCardBrand,
  ValidateCardFormOptions,
  ValidateCardNumberOptions,
} from './cardInput.js';
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
export type { EnvelopeReading } from '@savedcards/wire';
export { readEnvelope } from '@savedcards/wire';
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
export { gatewayPaths, OPENAPI_PREFIX } from './paths.js';
export { deletePaymentToken, listPaymentTokens } from './paymentTokens.js';
export type { ListPaymentTokensOptions } from './paymentTokens.js';
export { checkPaymentToken, createPaymentToken } from './paymentTokenWrites.js';
export type {
  BillingAddressInput,
  CardTransactionType,
  CheckPaymentTokenInput,
  CreatePaymentTokenOptions,
  NewCardInput,
  ThreeDSReturnUrls,
} from './paymentTokenWrites.js';
export { redactCardData } from './redact.js';
export { SealedCard, sealCard } from './sealedCard.js';
export {
  readSecureDataConfig,
  sealCardForWonder,
  WONDER_SECURE_DATA_KEYS,
} from './secureData.js';
export type {
  ReadSecureDataConfigOptions,
  SealCardOptions,
  SecureDataBody,
  SecureDataConfig,
  SecureDataKey,
} from './secureData.js';
export {
  createRemovalPolicy,
  pickFocusAfterRemoval,
  pickPromotionCandidate,
  planRemoval,
} from './removalPolicy.js';
export type {
  CanRemove,
  RemovalContext,
  RemovalDecision,
  RemovalPlan,
  RemovalPlanOptions,
  RemovalPolicyOptions,
  RemovalRefusal,
} from './removalPolicy.js';
export {
  clearPendingVerification,
  handleThreeDSReturn,
  isThreeDSReturnMessage,
  PENDING_PAYMENT_KEY,
  PENDING_VERIFICATION_KEY,
  readPendingPayment,
  readPendingVerification,
  readThreeDSOutcome,
  readThreeDSReturnEvent,
  savePendingVerification,
  THREE_DS_POPUP_NAME,
  THREE_DS_RETURN_HASH_PARAM,
  THREE_DS_RETURN_MESSAGE_TYPE,
} from './threeDSReturn.js';
export type {
  HandleThreeDSReturnOptions,
  PendingPayment,
  PendingVerification,
  ThreeDSOutcome,
  ThreeDSReturnEventFilter,
  ThreeDSReturnMessage,
  ThreeDSReturnResult,
  ThreeDSReturnWindow,
  VerificationStorage,
} from './threeDSReturn.js';
export {
  IDLE_TOKEN_LIFECYCLE,
  isTerminalTokenLifecycle,
  nextPollDelay,
  TOKEN_LIFECYCLE_DEFAULTS,
  transitionTokenLifecycle,
} from './tokenLifecycle.js';
export type {
  CardSummary,
  PollDelayOptions,
  TokenFailureReason,
  TokenLifecycleEvent,
  TokenLifecycleState,
  TokenLifecycleStatus,
  TokenSuccessReason,
} from './tokenLifecycle.js';
export type {
  CardBrand,
  Customer,
  ExpiryStatus,
  GatewayLang,
  PaymentTokenState,
  PaymentTokenType,
  SavedCard,
} from './types.js';
export { WONDER_VERIFY_HOSTS } from '@savedcards/wire';
export { checkVerifyUrl, DEFAULT_VERIFY_HOSTS, isAllowedVerifyUrl } from './verifyUrl.js';
export type { VerifyUrlCheck, VerifyUrlOptions, VerifyUrlRefusal } from './verifyUrl.js';
export { PaymentObserver } from './paymentObserver.js';
export type {
  PaymentFinished,
  PaymentFlowFailure,
  PaymentFlowState,
  PaymentObserverOptions,
} from './paymentObserver.js';
export { payWithSavedCard, readPaymentResult, readPaymentStatus } from './payments.js';
export type { PayWithSavedCardInput } from './payments.js';
export type {
  PaymentFailureReason,
  PaymentOrder,
  PaymentResult,
  PaymentState,
} from '@savedcards/wire';
