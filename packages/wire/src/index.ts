export { GATEWAY_LANGS, CSRF_HEADER, CSRF_HEADER_VALUE, LANG_HEADER } from './headers.js';
export type { GatewayLang } from './headers.js';
export {
  errorEnvelope,
  isEnvelope,
  isHttpOk,
  parseJsonBody,
  readEnvelope,
  SUCCESS_CODES,
  successEnvelope,
} from './envelope.js';
export type { EnvelopeFailure, EnvelopeReading, EnvelopeStyle } from './envelope.js';
export { WONDER_ENVIRONMENTS } from './environments.js';
export type { WonderEnvironment } from './environments.js';
export { GATEWAY_ERROR_CODES, PROXY_ERRORS } from './errors.js';
export type { GatewayErrorName, ProxyErrorName, WireErrorDefinition } from './errors.js';
export {
  BILLING_ADDRESS_FIELDS,
  CARD_FIELDS,
  CARD_REQUIRED_FIELDS,
  CUSTOMER_FIELD_NAMES,
  CUSTOMER_FIELDS,
  CUSTOMER_REQUIRED_FIELDS,
  customerFieldMaxLength,
} from './fields.js';
export type { WireCardField, WireCustomerField } from './fields.js';
export { cardPaymentMethodValue, INFERRED, WONDER_VERIFY_HOSTS } from './inferred.js';
export {
  ECHO_PATH,
  GATEWAY_ROUTES,
  gatewayPaths,
  matchGatewayRoute,
  OPENAPI_PREFIX,
} from './paths.js';
export type { GatewayMethod, GatewayOperation, GatewayRoute, GatewayRouteMatch } from './paths.js';
export { isRecord, readScalarText } from './record.js';
export { passesLuhn, REDACTED, redactCardData, replaceCardNumbers } from './redact.js';
export {
  TOKEN_STATES,
  TRANSACTION_TYPES,
  WIRE_TOKEN_TYPES,
} from './types.js';
export type {
  TransactionType,
  WireCreditCard,
  WireCustomer,
  WireToken,
  WireTokenKind,
  WireTokenState,
} from './types.js';
export {
  DEFAULT_MAX_SKEW_MS,
  formatCredential,
  formatRequestTime,
  NONCE_PATTERN,
  parseCredential,
  parseRequestTime,
  preSignString,
  SIGNATURE_ALGORITHM,
} from './signing.js';
export {
  CONSUME_MODES,
  ENTRY_TYPES,
  KIT_PAY_PATHS,
  ORDER_CORRESPONDENCE_STATES,
  PAYMENT_ERRORS,
  PAYMENT_FAILURE_REASONS,
  PAYMENT_GATEWAY_ERRORS,
  PAYMENT_INFERRED,
  PAYMENT_STATES,
  paymentGatewayPaths,
  WEBHOOK_ACTIONS,
  WONDER_TRANSACTION_STATES,
} from './payments.js';
export type {
  CheckOrderAnswer,
  CheckOrderRequestBody,
  ConsumeMode,
  EntryType,
  OpenPaymentsAnswer,
  OpenPaymentsRequestBody,
  OrderCorrespondenceState,
  PaymentGatewayErrorName,
  PaymentFailureReason,
  PaymentOrder,
  PaymentResult,
  PaymentState,
  PaymentStatusRequestBody,
  PayRequestBody,
  WebhookAction,
  WonderOrder,
  WonderOrderInput,
  WonderTokenPayment,
  WonderTransaction,
  WonderTransactionState,
} from './payments.js';
export {
  DEFAULT_WIRE_PROFILE,
  expYearWithDigits,
  isCardPaymentMethod,
  parseWireProfile,
} from './wireProfile.js';
export type {
  BodylessSignature,
  DefaultPaymentMethodValue,
  DeleteTokenForm,
  ObservedWire,
  WireProfile,
} from './wireProfile.js';
export {
  checkSecureDataEnvelope,
  KIT_CONFIG_PATH,
  SECURE_DATA_FIELDS,
  SECURE_DATA_LIMITS,
  sealSecureData,
  WONDER_SECURE_DATA_KEYS,
} from './secureData.js';
export type {
  SealSecureDataOptions,
  SecureDataBody,
  SecureDataConfigWire,
  SecureDataEnvelope,
  SecureDataEnvironment,
  SecureDataKey,
} from './secureData.js';
