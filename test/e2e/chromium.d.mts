/** Launch options for Debian's Chromium, shared by the e2e scripts and vitest's browser project. */
export declare const chromiumLaunchOptions: {
  executablePath: string;
  headless: boolean;
  args: string[];
};
