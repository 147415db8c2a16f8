import {
  createGatewayDb,
  createGatewayHandlers,
  type GatewayDb,
  type GatewayHandlersOptions,
  type GatewayScenario,
  type GatewayScenarioName,
} from '@savedcards/msw';

/** Where stories mount the mock gateway: the same prefix the demo's proxy uses. */
export const STORY_BASE_URL = '/api/wonder';

/**
 * msw handlers for one story, with a db of its own so a story that changes state cannot leak into
 * another. `arrange` edits the db; `reset` (use it as the story's `beforeEach`) restores the seed
 * and arranges again, so replaying a story starts from the same state.
 *
 * Write `parameters: { msw: { handlers } }` out in the story: Storybook turns a JSDoc comment above a
 * meta or story into a `parameters` key of its own, which would replace a spread-in `parameters`.
 */
export function gateway(
  scenario: GatewayScenarioName | GatewayScenario = 'default',
  arrange?: (db: GatewayDb) => void,
  options: Omit<GatewayHandlersOptions, 'baseUrl' | 'db' | 'scenario'> = {},
) {
  const db = createGatewayDb({ seed: scenario === 'empty' ? 'empty' : 'demo' });
  const reset = () => {
    db.reset();
    arrange?.(db);
  };
  reset();
  return {
    handlers: createGatewayHandlers({ ...options, baseUrl: STORY_BASE_URL, db, scenario }),
    db,
    reset,
  };
}
