import '@savedcards/ui/styles.css';
import './globals.css';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: 'savedcards: Next.js checkout',
  description: 'Saved cards on Wonder Gateway, server-rendered with the Next.js App Router.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" data-sc-theme="light">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
