'use client';
// Where Wonder sends the cardholder after 3-D Secure (the proxy's returnUrls): tells the page that
// opened the challenge (popup or iframe) and closes, or goes back to the checkout after a redirect.
import { handleThreeDSReturn } from '@savedcards/core';
import { useEffect } from 'react';

export default function ThreeDSReturnPage() {
  useEffect(() => {
    const result = handleThreeDSReturn();
    if (result.mode === 'redirect') {
      window.location.replace(result.returnTo ?? `/#3ds-return=${result.outcome}`);
    }
  }, []);
  return (
    <main>
      <h1>Card verification finished</h1>
      <p>You can close this window and go back to the checkout.</p>
    </main>
  );
}
