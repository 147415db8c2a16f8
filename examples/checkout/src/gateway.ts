import { DEMO_CUSTOMER, type GatewayScenarioName, gatewayScenarios } from '@savedcards/msw';
import { startGatewayWorker } from '@savedcards/msw/browser';

export interface DemoGateway {
  /** Where the browser sends gateway requests. */
  baseUrl: string;
  /** The customer the page shows (a real page gets it from its own server). */
  customerUuid: string;
  /** What answers: the mock in a service worker. */
  mode: 'mock';
  scenario: GatewayScenarioName;
}

/**
 * Connects the demo to a gateway. Here: msw's service worker plays Wonder at `/api/wonder`.
 * `?scenario=slow` (or empty, server-error, network-error, malformed-json, envelope-b) picks how it behaves.
 */
export async function connectGateway(): Promise<DemoGateway> {
  const requested = new URLSearchParams(window.location.search).get('scenario') ?? 'default';
  const scenario = (
    Object.hasOwn(gatewayScenarios, requested) ? requested : 'default'
  ) as GatewayScenarioName;
  const baseUrl = '/api/wonder';
  await startGatewayWorker({ baseUrl, scenario, quiet: true });
  return { baseUrl, customerUuid: DEMO_CUSTOMER.uuid, mode: 'mock', scenario };
}
