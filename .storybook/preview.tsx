import '@savedcards/ui/styles.css';
import { createGatewayClient, type GatewayLang } from '@savedcards/core';
import { DEMO_CUSTOMER } from '@savedcards/msw';
import { SavedCardsProvider } from '@savedcards/react';
import {
  enMessages,
  type SavedCardsMessages,
  SavedCardsMessagesProvider,
  zhCNMessages,
  zhHKMessages,
} from '@savedcards/ui';
import type { Preview } from '@storybook/react-vite';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { type ReactNode, useLayoutEffect, useState } from 'react';
import { STORY_BASE_URL } from '../stories/gateway';

const MESSAGES: Record<GatewayLang, SavedCardsMessages> = {
  en: enMessages,
  'zh-HK': zhHKMessages,
  'zh-CN': zhCNMessages,
};

type Theme = 'light' | 'dark' | 'auto';

function Providers({
  children,
  customerUuid,
  lang,
}: {
  children: ReactNode;
  customerUuid: string;
  lang: GatewayLang;
}) {
  // Fresh per story: no cache leaks between stories.
  const [queryClient] = useState(() => new QueryClient());
  const [client] = useState(() =>
    createGatewayClient({ baseUrl: STORY_BASE_URL, timeoutMs: 8000, lang }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <SavedCardsProvider client={client} customerUuid={customerUuid} retry={0}>
        <SavedCardsMessagesProvider messages={MESSAGES[lang]}>
          {children}
        </SavedCardsMessagesProvider>
      </SavedCardsProvider>
    </QueryClientProvider>
  );
}

type Dir = 'ltr' | 'rtl';

/**
 * The toolbar's theme and direction on <html>, where a merchant puts them (so the dialogs at the
 * end of <body> follow), with the page's own background from the same colour scheme (`Canvas`).
 */
function PageTheme({ theme, dir, children }: { theme: Theme; dir: Dir; children: ReactNode }) {
  useLayoutEffect(() => {
    const root = document.documentElement;
    const dirBefore = root.getAttribute('dir');
    root.setAttribute('data-sc-theme', theme);
    root.setAttribute('dir', dir);
    document.body.style.background = 'Canvas';
    document.body.style.color = 'CanvasText';
    return () => {
      root.removeAttribute('data-sc-theme');
      if (dirBefore === null) root.removeAttribute('dir');
      else root.setAttribute('dir', dirBefore);
      document.body.style.background = '';
      document.body.style.color = '';
    };
  }, [theme, dir]);
  return children;
}

const preview: Preview = {
  loaders: [mswLoader()],
  decorators: [
    (Story, { parameters, globals }) => (
      <PageTheme
        theme={(globals.theme as Theme | undefined) ?? 'light'}
        dir={(globals.dir as Dir | undefined) ?? 'ltr'}
      >
        <Providers
          key={globals.locale ?? 'en'}
          customerUuid={parameters.customerUuid ?? DEMO_CUSTOMER.uuid}
          lang={(globals.locale as GatewayLang | undefined) ?? 'en'}
        >
          <div style={{ maxInlineSize: 560 }}>
            <Story />
          </div>
        </Providers>
      </PageTheme>
    ),
  ],
  globalTypes: {
    locale: {
      description: 'Language of the components (and x-i18n-lang to the gateway)',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'zh-HK', title: '繁體中文（香港）' },
          { value: 'zh-CN', title: '简体中文' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'data-sc-theme on <html>',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
          { value: 'auto', title: 'Auto (prefers-color-scheme)' },
        ],
        dynamicTitle: true,
      },
    },
    dir: {
      description: 'dir on <html>',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en', theme: 'light', dir: 'ltr' },
  parameters: {
    // 'error' makes axe violations fail the story test (addon-vitest).
    a11y: { test: 'error' },
    layout: 'padded',
  },
  tags: ['autodocs'],
};

export default preview;
