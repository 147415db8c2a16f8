import {
  GATEWAY_ERROR_CODES,
  type GatewayErrorName,
  type WireErrorDefinition,
} from '@savedcards/wire';

/** Error codes the mock answers with: `@savedcards/wire`'s table (inferred codes, one place). */
export { GATEWAY_ERROR_CODES };
export type { GatewayErrorName };
export type GatewayErrorDefinition = WireErrorDefinition;

/** An error answer: a table entry, optionally with a more specific message. */
export function gatewayError(name: GatewayErrorName, message?: string): GatewayErrorDefinition {
  const definition = GATEWAY_ERROR_CODES[name];
  return message === undefined ? definition : { ...definition, message };
}
