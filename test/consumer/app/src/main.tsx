// A fresh app on the published packages: the mock gateway in msw's service worker, the documented
// components, and a few hooks. `savedcards-msw init public` copied the mock's 3-D Secure pages.
import { createGatewayDb, DEMO_CUSTOMER } from '@savedcards/msw';
import { startGatewayWorker } from '@savedcards/msw/browser';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';

async function start(): Promise<void> {
  const db = createGatewayDb({ persist: window.sessionStorage });
  await startGatewayWorker({ baseUrl: '/api/wonder', db, quiet: true });
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing');
  createRoot(root).render(
    <StrictMode>
      <App customerUuid={DEMO_CUSTOMER.uuid} />
    </StrictMode>,
  );
}

void start();
