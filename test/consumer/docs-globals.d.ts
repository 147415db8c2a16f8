// The integrator's own names that the docs' code blocks use without defining them: their session,
// their server framework, their components. Never a name a package exports: a block imports those.
import type { GatewayClient } from '@savedcards/core';
import type { GatewayDb } from '@savedcards/msw';
import type { SetupServer } from '@savedcards/msw/node';
import type { WonderProxy } from '@savedcards/server';
import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';

declare global {
  /** The signed-in customer's Wonder uuid (from ensureCustomer on your server). */
  const customerUuid: string;
  const queryClient: QueryClient;
  const client: GatewayClient;
  const token: string | undefined;
  function setToken(token: string | undefined): void;
  const verifyUuid: string;
  const publicKeyPem: string;
  // msw tests (the test/server.ts of the msw README)
  const TEST_BASE_URL: string;
  const db: GatewayDb;
  const server: SetupServer;
  function beforeAll(fn: () => void): void;
  function afterEach(fn: () => void): void;
  function afterAll(fn: () => void): void;
  function mswLoader(): () => Promise<unknown>;
  // the merchant's server
  const proxy: WonderProxy;
  const app: {
    use(handler: unknown): void;
    all(path: string, handler: (c: { req: { raw: Request } }) => unknown): void;
  };
  function wonderProxy(): WonderProxy;
  interface DocsUser {
    id: string;
    name: string;
    phone: string;
    wonderCustomerUuid: string;
  }
  const user: DocsUser;
  function sessionUser(request: Request): Promise<DocsUser | null>;
  function sessionCustomer(
    request: Request,
  ): Promise<{ uuid: string; referenceNumber: string } | null>;
  function getSession(
    cookies: unknown,
  ): Promise<{ wonderCustomerUuid: string; userId: string } | null>;
  function customerUuidFromSession(): Promise<string>;
  // the card form's values (core README)
  const number: string;
  const expiry: string;
  const cvc: string;
  const holderName: string;
  const nickname: string | undefined;
  // design-system markup (hooks recipe)
  function announce(): void;
  function announceFailure(): void;
  function MySkeleton(): ReactNode;
  function MyError(props: { onRetry: () => unknown }): ReactNode;
  function MyRadioGroup(props: { label: string; children: ReactNode }): ReactNode;
  function MyCardRow(props: {
    label: string;
    onMakeDefault: () => unknown;
    onRemove: () => unknown;
  }): ReactNode;
  function YourButton(): ReactNode;
  function SavedCards(props: { customerUuid: string }): ReactNode;
}
