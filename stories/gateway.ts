import {
  createGatewayDb,
  createGatewayHandlers,
  type GatewayDb,
  type GatewayScenario,
  type GatewayScenarioName,
} from '@savedcards/msw';

/** Where stories mount the mock gateway: the same prefix the demo's proxy uses. */
export const STORY_BASE_URL = '/api/wonder';

/**
 * msw handlers for one story, with a db of its own (so a story that changes state cannot leak
 * into another). `arrange` edits the db before the story renders.
 */
export function gateway(
  scenario: GatewayScenarioName | GatewayScenario = 'default',
  arrange?: (db: GatewayDb) => void,
) {
  const db = createGatewayDb();
  arrange?.(db);
  return { handlers: createGatewayHandlers({ baseUrl: STORY_BASE_URL, db, scenario }), db };
}
