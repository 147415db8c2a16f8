export { maskCardNumber } from './card.js';
export {
  CHALLENGE_MAILBOX_PREFIX,
  CHALLENGE_PAGE_PATH,
  decideChallenge,
  defaultChallengeUrl,
  MOCK_3DS_PATH,
  mockChallengeDecisionUrl,
  NODE_RETURN_URL_BASE,
  RETURN_PAGE_PATH,
} from './challenge.js';
export type {
  ChallengeDecision,
  ChallengeMailbox,
  DecideChallengeResult,
  MockChallenge,
} from './challenge.js';
export { createGatewayDb } from './db.js';
export type {
  CustomerInput,
  GatewayDb,
  GatewayDbOptions,
  GatewayDbSnapshot,
  GatewaySeed,
  MerchantOrder,
  MerchantOrderInput,
  TokenPatch,
} from './db.js';
export { ECHO_PATH } from './echo.js';
export { toOldToken } from './envelope.js';
export type { GatewayEnvelope } from './envelope.js';
export { GATEWAY_ERROR_CODES } from './errors.js';
export type { GatewayErrorDefinition, GatewayErrorName } from './errors.js';
export { DEMO_CUSTOMER, DEMO_ORDER, DEMO_TOKENS, VERIFY_URL_BASE } from './fixtures.js';
export type { DemoTokenName, TokenInit } from './fixtures.js';
export { createGatewayHandlers } from './handlers.js';
export type { GatewayHandlersOptions } from './handlers.js';
export type { ResolveMerchantOrder } from './kitPayments.js';
export { decidePaymentChallenge } from './payments.js';
export type { DecidePaymentChallengeResult, PaymentOperation } from './payments.js';
export type {
  PaymentLedgerEntry,
  TransactionInit,
  TransactionPatch,
} from './paymentsLedger.js';
export { GATEWAY_ROUTES, OPENAPI_PREFIX, PAYMENT_GATEWAY_ROUTES } from './routes.js';
export type { GatewayRoute, PaymentGatewayRoute } from './routes.js';
export {
  findScenarioCard,
  PAYMENT_SCENARIO_CARDS,
  SCENARIO_CARDS,
  SLOW_CREATE_MS,
  SLOW_PAYMENT_MS,
} from './scenarioCards.js';
export type {
  PaymentCardBehaviour,
  PaymentScenarioCard,
  ScenarioCard,
  ScenarioCardBehaviour,
} from './scenarioCards.js';
export { GATEWAY_OPERATIONS, gatewayScenarios } from './scenarios.js';
export { MOCK_SECURE_DATA_KEY_PAIR } from './secureData.js';
export type { MockSecureDataKeyPair } from './secureData.js';
export { MOCK_SECURE_DATA_KEY } from './secureDataTestKey.js';
export type {
  GatewayFailureKind,
  GatewayOperation,
  GatewayScenario,
  GatewayScenarioName,
} from './scenarios.js';
export {
  createSignatureVerifier,
  DEFAULT_MAX_SKEW_MS,
  SIGNATURE_ALGORITHM,
  SIGNATURE_FAILURE_MESSAGES,
} from './signature.js';
export type {
  SignatureCheck,
  SignatureFailure,
  SignatureVerifier,
  SignedRequestParts,
  VerifySignatureOptions,
} from './signature.js';
export { createGatewayWebhooks } from './webhooks.js';
export type {
  GatewayWebhookEmitter,
  GatewayWebhooksOptions,
  PaymentWebhookAction,
  PaymentWebhookBody,
  WebhookDelivery,
  WebhookSignInput,
} from './webhooks.js';
export type { WireCreditCard, WireCustomer, WireToken, WireTokenState } from './wire.js';
