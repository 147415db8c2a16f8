export { maskCardNumber } from './card.js';
export { createGatewayDb } from './db.js';
export type {
  CustomerInput,
  GatewayDb,
  GatewayDbOptions,
  GatewayDbSnapshot,
  GatewaySeed,
  TokenPatch,
} from './db.js';
export { toOldToken } from './envelope.js';
export type { GatewayEnvelope } from './envelope.js';
export { GATEWAY_ERROR_CODES } from './errors.js';
export type { GatewayErrorDefinition, GatewayErrorName } from './errors.js';
export { DEMO_CUSTOMER, DEMO_TOKENS, VERIFY_URL_BASE } from './fixtures.js';
export type { DemoTokenName, TokenInit } from './fixtures.js';
export { createGatewayHandlers } from './handlers.js';
export type { GatewayHandlersOptions } from './handlers.js';
export { GATEWAY_ROUTES, OPENAPI_PREFIX } from './routes.js';
export type { GatewayRoute } from './routes.js';
export { GATEWAY_OPERATIONS, gatewayScenarios } from './scenarios.js';
export type {
  GatewayFailureKind,
  GatewayOperation,
  GatewayScenario,
  GatewayScenarioName,
} from './scenarios.js';
export type { WireCreditCard, WireCustomer, WireToken, WireTokenState } from './wire.js';
