import type { GatewayLang } from '@savedcards/core';
import type { VerificationMode } from '@savedcards/ui';

/**
 * The demo's switches, all in the query string so every link and a full-page 3-D Secure redirect
 * keep them: `?verify=popup|iframe|redirect`, `theme=auto|light|dark`, `lang=en|zh-HK|zh-CN`,
 * `dir=ltr|rtl` (and `scenario=…`, read by `connectGateway`).
 */
export interface DemoSettings {
  verify: VerificationMode;
  theme: 'auto' | 'light' | 'dark';
  lang: GatewayLang;
  dir: 'ltr' | 'rtl';
}

export const SETTING_CHOICES: { [K in keyof DemoSettings]: readonly DemoSettings[K][] } = {
  verify: ['popup', 'iframe', 'redirect'],
  theme: ['auto', 'light', 'dark'],
  lang: ['en', 'zh-HK', 'zh-CN'],
  dir: ['ltr', 'rtl'],
};

function pick<K extends keyof DemoSettings>(params: URLSearchParams, key: K): DemoSettings[K] {
  const choices: readonly DemoSettings[K][] = SETTING_CHOICES[key];
  const requested = params.get(key);
  return choices.find((choice) => choice === requested) ?? (choices[0] as DemoSettings[K]);
}

export function readSettings(search = window.location.search): DemoSettings {
  const params = new URLSearchParams(search);
  return {
    verify: pick(params, 'verify'),
    theme: pick(params, 'theme'),
    lang: pick(params, 'lang'),
    dir: pick(params, 'dir'),
  };
}

/** Puts theme, language and direction on `<html>`, so the kit's dialogs (portalled to `<body>`) follow. */
export function applySettings(settings: DemoSettings): void {
  const root = document.documentElement;
  root.dataset.scTheme = settings.theme;
  root.lang = settings.lang;
  root.dir = settings.dir;
}

/**
 * This page with one query parameter changed (`null` removes it), every other parameter and the
 * route (the hash) kept.
 */
export function hrefWith(key: string, value: string | null): string {
  const params = new URLSearchParams(window.location.search);
  if (value === null) params.delete(key);
  else params.set(key, value);
  const query = params.toString();
  return `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
}
