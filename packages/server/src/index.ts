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
export { createWonderClient, DEFAULT_TIMEOUT_MS, ensureCustomer } from './client.js';
export type { ReadEnvelope } from './envelope.js';
export { readEnvelope } from './envelope.js';
export type { UpstreamTarget, WonderEnvironment } from './environments.js';
export { ECHO_PATH, OPENAPI_PREFIX, WONDER_ENVIRONMENTS } from './environments.js';
export type { ProxyErrorName, WonderRequestErrorKind } from './errors.js';
export { PROXY_ERRORS, WonderRequestError } from './errors.js';
export type { PrivateKeyInput, PublicKeyInput } from './keys.js';
export { loadPrivateKey, loadPublicKey } from './keys.js';
export type {
  ProxyLogEntry,
  ProxyLogger,
  ResolveCustomer,
  ReturnUrls,
  SessionCustomer,
  TransactionType,
  WonderProxy,
  WonderProxyOptions,
} from './proxy.js';
export {
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  createJsonLineLogger,
  createWonderProxy,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MOUNT_PATH,
  TRANSACTION_TYPES,
} from './proxy.js';
export { redact } from './redact.js';
export type { ProxyMethod, ProxyOperation, ProxyRoute } from './routes.js';
export { PROXY_ROUTES } from './routes.js';
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
