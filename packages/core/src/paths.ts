/** Wonder's routes: `@savedcards/wire`'s, in one place for the client, the proxy and the mock. */
export { gatewayPaths, OPENAPI_PREFIX } from '@savedcards/wire';
