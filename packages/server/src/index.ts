export type { ExpressMiddleware, NextFunction, NodeHandler, NodeRequest } from './adapters.js';
export { toExpressMiddleware, toNodeHandler, toWebRequest, writeWebResponse } from './adapters.js';
export type { CheckCredentialsResult } from './checkCredentials.js';
export { checkCredentials } from './checkCredentials.js';
export type {
  CustomerProfile,
  WonderCall,
  WonderCallResult,
  WonderClient,
  WonderConnectionOptions,
  WonderMethod,
} from './client.js';
export {
  createWonderClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  ensureCustomer,
} from './client.js';
export type {
  EnvelopeReading,
  /** @deprecated The one envelope rule's reading is `EnvelopeReading` (from @savedcards/wire). */
  EnvelopeReading as ReadEnvelope,
  GatewayMethod as ProxyMethod,
  GatewayOperation as ProxyOperation,
  GatewayRoute as ProxyRoute,
  ProxyErrorName,
  TransactionType,
  WebhookAction,
  WonderEnvironment,
  WireProfile,
} from '@savedcards/wire';
// Wonder's wire contract, from @savedcards/wire (one definition for browser, proxy and mock).
export {
  CSRF_HEADER,
  DEFAULT_WIRE_PROFILE,
  CSRF_HEADER_VALUE,
  ECHO_PATH,
  GATEWAY_ROUTES as PROXY_ROUTES,
  OPENAPI_PREFIX,
  PROXY_ERRORS,
  parseWireProfile,
  readEnvelope,
  TRANSACTION_TYPES,
  WEBHOOK_ACTIONS,
  WONDER_ENVIRONMENTS,
} from '@savedcards/wire';
export type { UpstreamTarget } from './environments.js';
export type { WonderRequestErrorKind } from './errors.js';
export { WonderRequestError } from './errors.js';
export type { PrivateKeyInput, PublicKeyInput } from './keys.js';
export { loadPrivateKey, loadPublicKey } from './keys.js';
export { loadWireProfile } from './loadWireProfile.js';
export type { PaymentRecord, PaymentStore } from './payStore.js';
export { createMemoryPaymentStore } from './payStore.js';
export type { RedisPaymentStoreOptions } from './payStoreRedis.js';
export { createRedisPaymentStore } from './payStoreRedis.js';
export type {
  BeforeCreateToken,
  BeforeCreateTokenContext,
  CreateTokenRefusal,
  LimitContext,
  PaymentRouteOperation,
  LimitRefusal,
  ProxyPaymentOptions,
  ProxySecureDataOptions,
  ProxyLimits,
  ProxyLogEntry,
  ProxyLogger,
  ResolveCustomer,
  ResolveOrder,
  ReturnUrls,
  SessionCustomer,
  WonderProxy,
  WonderProxyOptions,
} from './proxy.js';
export {
  createJsonLineLogger,
  createWonderProxy,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MOUNT_PATH,
} from './proxy.js';
export { redact } from './redact.js';
export type { SignatureHeaders, SignRequestInput, VerifySignatureInput } from './signature.js';
export {
  createNonce,
  formatRequestTime,
  preSignString,
  SIGNATURE_ALGORITHM,
  signatureMessage,
  signRequest,
  verifySignature,
} from './signature.js';
export type {
  RedisVelocityStoreOptions,
  VelocityClass,
  VelocityLimits,
  VelocityLimitsOptions,
  VelocityRefusal,
  VelocityRequest,
  VelocityResult,
  VelocityRule,
  VelocityScopes,
  VelocityStore,
} from './velocity.js';
export {
  createMemoryVelocityStore,
  createRedisVelocityStore,
  createVelocityLimits,
  DEFAULT_VELOCITY_LIMITS,
} from './velocity.js';
export type {
  VerifyWonderWebhookOptions,
  WebhookRefusalReason,
  WebhookRequestParts,
  WebhookVerification,
  WonderWebhookEvent,
  WonderWebhookTransaction,
} from './webhook.js';
export {
  DEFAULT_WEBHOOK_MAX_BODY_BYTES,
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  verifyWonderWebhook,
} from './webhook.js';
export type {
  WebhookLogEntry,
  WebhookLogger,
  WonderWebhookHandlerOptions,
} from './webhookHandler.js';
export { createWonderWebhookHandler } from './webhookHandler.js';
export type { MemoryWebhookNonceStoreOptions, WebhookNonceStore } from './webhookNonceStore.js';
export {
  createMemoryWebhookNonceStore,
  DEFAULT_WEBHOOK_NONCE_ENTRIES,
} from './webhookNonceStore.js';
export type { SignWonderWebhookInput } from './webhookSign.js';
export { signWonderWebhook } from './webhookSign.js';
