import { setProjectAnnotations } from '@storybook/react-vite';
import { vi } from 'vitest';
import preview from '../../.storybook/preview';

// The mock gateway seeds expiry dates relative to today ("expires in two years", "expired three
// months ago"), and the components judge "expires soon" against the clock: pin the date, so the
// screenshots do not change from one month to the next. Only `Date` is faked, and it keeps
// moving from there, so timers, polling and timeouts behave as usual.
vi.useFakeTimers({
  toFake: ['Date'],
  now: new Date(2026, 2, 16, 12, 0, 0),
  shouldAdvanceTime: true,
});

// The preview's decorators (providers, theme, language and direction on <html>) and its msw
// loader, as in Storybook. The a11y addon is not applied: the `storybook` project runs axe.
setProjectAnnotations(preview);

// Playwright already finishes animations and hides the caret for the screenshot; this also
// stops transitions while the stories run, so nothing is captured half-way.
const still = document.createElement('style');
still.textContent = `*, *::before, *::after {
  animation: none !important;
  transition: none !important;
  caret-color: transparent !important;
}`;
document.head.append(still);
