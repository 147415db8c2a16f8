import { defineMain } from '@storybook/react-vite/node';

export default defineMain({
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: [
    '@storybook/addon-docs',
    '@storybook/addon-a11y',
    '@storybook/addon-vitest',
    'msw-storybook-addon',
  ],
  staticDirs: ['../public'],
  core: { disableTelemetry: true },
  // No onboarding checklist in the sidebar: reviewers open Storybook to review the kit.
  features: { sidebarOnboardingChecklist: false },
  // Resolve the workspace packages to their TypeScript sources (package.json "source" condition).
  viteFinal: async (config) => {
    const { mergeConfig, defaultClientConditions } = await import('vite');
    return mergeConfig(config, { resolve: { conditions: ['source', ...defaultClientConditions] } });
  },
});
