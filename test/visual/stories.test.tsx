import type { CardBrand, CardFormField, SavedCard } from '@savedcards/core';
import { enMessages, type SavedCardsMessages, zhHKMessages } from '@savedcards/ui';
import { composeStory } from '@storybook/react-vite';
import { expect as expectInStory, userEvent, waitFor, within } from 'storybook/test';
import { afterEach, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import * as AddCardFlowStories from '../../stories/AddCardFlow.stories';
import * as DefaultMethodPickerStories from '../../stories/DefaultMethodPicker.stories';
import * as ManageCardsStories from '../../stories/ManageCards.stories';
import * as PayButtonStories from '../../stories/PayButton.stories';
import * as SavedCardListStories from '../../stories/SavedCardList.stories';

/**
 * Visual regression: key stories in four variants at three widths (a desktop page, and phones of
 * 375 and 320 px), screenshot in Chromium and compared with the baselines in
 * `__screenshots__/stories.test.tsx/` (pixelmatch; tolerance in vite.config.ts).
 *
 * Each story runs as in Storybook (`story.run()`: the preview's decorators, the msw loader, the
 * story's `beforeEach`, render, play). The stories' own play functions look for English names, so
 * each scene below has a play of its own that names things from the variant's message catalogue:
 * every variant ends in the same state, in its own language.
 */

type Locale = 'en' | 'zh-HK';
interface Globals {
  theme: 'light' | 'dark';
  locale: Locale;
  dir: 'ltr' | 'rtl';
}

const VARIANTS: Array<{ name: string; globals: Globals }> = [
  { name: 'light', globals: { theme: 'light', locale: 'en', dir: 'ltr' } },
  { name: 'dark', globals: { theme: 'dark', locale: 'en', dir: 'ltr' } },
  { name: 'zh-HK', globals: { theme: 'light', locale: 'zh-HK', dir: 'ltr' } },
  { name: 'rtl', globals: { theme: 'light', locale: 'en', dir: 'rtl' } },
];

/** The viewport: desktop (the story canvas is 560 px wide there), and two phones. */
const WIDTHS = [
  { suffix: '', viewport: 800, height: 900, canvas: 560 },
  // The canvas plus its 16 px padding on each side is the whole screen, tall enough for the list.
  { suffix: '-375', viewport: 375, height: 1400, canvas: 343 },
  { suffix: '-320', viewport: 320, height: 1400, canvas: 288 },
];

const MESSAGES: Record<Locale, SavedCardsMessages> = { en: enMessages, 'zh-HK': zhHKMessages };

interface SceneContext {
  canvasElement: HTMLElement;
  globals: Record<string, unknown>;
}
type ScenePlay = (context: SceneContext) => Promise<void>;

/** The demo cards by what the messages need to name them (brand and last four). */
const card = (brand: CardBrand, last4: string) => ({ brand, last4, isDefault: false }) as SavedCard;
const VISA = card('visa', '4242');
const MASTERCARD = card('mastercard', '4444');
const UNIONPAY = card('unionpay', '8599');

const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
const messagesOf = ({ globals }: SceneContext) => MESSAGES[globals.locale as Locale];
const body = ({ canvasElement }: SceneContext) => within(canvasElement.ownerDocument.body);

/** Checkout: the default card comes pre-selected; the customer picks UnionPay. */
const chooseACard: ScenePlay = async (context) => {
  const m = messagesOf(context);
  const group = await within(context.canvasElement).findByRole('radiogroup', { name: m.listLabel });
  const visa = within(group).getByRole('radio', { name: startsWith(m.cardName(VISA)) });
  await waitFor(() => expectInStory(visa).toBeChecked());
  const unionpay = within(group).getByRole('radio', { name: startsWith(m.cardName(UNIONPAY)) });
  await userEvent.click(unionpay);
  await waitFor(() => expectInStory(unionpay).toBeChecked());
};

/** Account page: make the Mastercard the default, until the outcome is announced. */
const manageSeveralCards: ScenePlay = async (context) => {
  const m = messagesOf(context);
  const canvas = within(context.canvasElement);
  await userEvent.click(
    await canvas.findByRole('button', { name: m.makeDefaultLabel(MASTERCARD) }),
  );
  await canvas.findByText(m.defaultChanged(MASTERCARD));
  await waitFor(() =>
    expectInStory(
      canvas.queryByRole('button', { name: m.makeDefaultLabel(MASTERCARD) }),
    ).toBeNull(),
  );
};

/** The remove confirmation for UnionPay, open, focus on "Keep card". */
const openRemoveConfirmation: ScenePlay = async (context) => {
  const m = messagesOf(context);
  await userEvent.click(
    await within(context.canvasElement).findByRole('button', { name: m.removeLabel(UNIONPAY) }),
  );
  const dialog = await body(context).findByRole('alertdialog', { name: m.removeTitle(UNIONPAY) });
  await waitFor(() =>
    expectInStory(within(dialog).getByRole('button', { name: m.keepCard })).toHaveFocus(),
  );
};

/** DefaultMethodPicker: UnionPay becomes the default, and the outcome is announced. */
const chooseTheDefault: ScenePlay = async (context) => {
  const m = messagesOf(context);
  const canvas = within(context.canvasElement);
  await userEvent.click(
    await canvas.findByRole('radio', { name: startsWith(m.cardName(UNIONPAY)) }),
  );
  await canvas.findByText(m.defaultChanged(UNIONPAY));
};

/** Opens the add dialog, types each field (in the variant's language) and presses Save. */
type TypedFields = Record<Exclude<CardFormField, 'nickname'>, string>;
async function saveCard(context: SceneContext, fields: TypedFields) {
  const m = messagesOf(context);
  await userEvent.click(
    await within(context.canvasElement).findByRole('button', { name: m.addCard }),
  );
  const dialog = within(await body(context).findByRole('dialog', { name: m.addCardTitle }));
  for (const field of ['number', 'expiry', 'cvc', 'holderName'] as const) {
    await userEvent.type(dialog.getByLabelText(m.fieldLabel(field)), fields[field]);
  }
  await userEvent.click(dialog.getByRole('button', { name: m.saveCard }));
  return dialog;
}

/** The bank's challenge page in the add dialog's iframe, loaded and waiting for the cardholder. */
const challengeInIframe: ScenePlay = async (context) => {
  const m = messagesOf(context);
  await saveCard(context, {
    number: '4000000000003220',
    expiry: '04/31',
    cvc: '737',
    holderName: 'Tai Man Chan',
  });
  const frame = (await body(context).findByTitle(
    m.verificationFrameTitle,
    {},
    { timeout: 5000 },
  )) as HTMLIFrameElement;
  await waitFor(
    () => {
      const approve = frame.contentDocument?.getElementById('approve');
      if (!approve || !frame.contentDocument?.fonts)
        throw new Error('challenge page not loaded yet');
    },
    { timeout: 5000 },
  );
  await frame.contentDocument?.fonts.ready;
};

const ORDER = { amount: '128.00', currency: 'HKD' };

/** The checkout's Pay button: the default card pays, and the success is announced. */
const payWithTheDefault: ScenePlay = async (context) => {
  const m = messagesOf(context);
  const canvas = within(context.canvasElement);
  const pay = await canvas.findByRole('button', { name: m.payButton(ORDER) });
  await waitFor(() => expectInStory(pay).toBeEnabled());
  await userEvent.click(pay);
  await canvas.findByText(m.paySucceeded(ORDER, VISA), {}, { timeout: 5000 });
};

/** 3-D Secure on a payment: the bank's page in the payment's dialog, waiting for the cardholder. */
const paymentChallenge: ScenePlay = async (context) => {
  const m = messagesOf(context);
  const pay = await within(context.canvasElement).findByRole('button', {
    name: m.payButton(ORDER),
  });
  await waitFor(() => expectInStory(pay).toBeEnabled());
  await userEvent.click(pay);
  const frame = (await body(context).findByTitle(
    m.payVerifyTitle,
    {},
    { timeout: 5000 },
  )) as HTMLIFrameElement;
  await waitFor(
    () => {
      if (!frame.contentDocument?.getElementById('approve')) throw new Error('bank page loading');
    },
    { timeout: 5000 },
  );
  await frame.contentDocument?.fonts.ready;
};

/** The add-card form after a save with every field wrong: an error under each field. */
const validationErrors: ScenePlay = async (context) => {
  const m = messagesOf(context);
  const dialog = await saveCard(context, {
    number: '4242424242424241',
    expiry: '01/20',
    cvc: '1',
    holderName: ' ',
  });
  const number = dialog.getByLabelText(m.fieldLabel('number'));
  await waitFor(() =>
    expectInStory(number).toHaveAccessibleDescription(m.fieldError('number', 'luhn')),
  );
  await expectInStory(
    dialog.getByLabelText(m.fieldLabel('holderName')),
  ).toHaveAccessibleDescription(m.fieldError('holderName', 'required'));
  await waitFor(() => expectInStory(number).toHaveFocus());
};

interface Scene {
  /** Story file and story, as in the test name. */
  name: string;
  compose: (globals: Globals) => {
    run: (context: { canvasElement: HTMLElement }) => Promise<void>;
  };
  /** What to screenshot: the story's canvas, or the dialog it ends with. */
  target: 'canvas' | 'dialog' | 'alertdialog';
}

const SCENES: Scene[] = [
  {
    name: 'SavedCardList ChooseACard',
    compose: (initialGlobals) =>
      composeStory(
        { ...SavedCardListStories.ChooseACard, play: chooseACard },
        SavedCardListStories.default,
        { initialGlobals },
      ),
    target: 'canvas',
  },
  {
    name: 'ManageCards ManageSeveralCards',
    compose: (initialGlobals) =>
      composeStory(
        { ...ManageCardsStories.ManageSeveralCards, play: manageSeveralCards },
        ManageCardsStories.default,
        { initialGlobals },
      ),
    target: 'canvas',
  },
  {
    // The story's first step: its play goes on to remove the card, this one stops at the dialog.
    name: 'ManageCards RemoveACard',
    compose: (initialGlobals) =>
      composeStory(
        { ...ManageCardsStories.RemoveACard, play: openRemoveConfirmation },
        ManageCardsStories.default,
        { initialGlobals },
      ),
    target: 'alertdialog',
  },
  {
    name: 'DefaultMethodPicker ChooseTheDefault',
    compose: (initialGlobals) =>
      composeStory(
        { ...DefaultMethodPickerStories.ChooseTheDefault, play: chooseTheDefault },
        DefaultMethodPickerStories.default,
        { initialGlobals },
      ),
    target: 'canvas',
  },
  {
    name: 'AddCardFlow ChallengeInIframe',
    compose: (initialGlobals) =>
      composeStory(
        { ...AddCardFlowStories.ChallengeApprovedInIframe, play: challengeInIframe },
        AddCardFlowStories.default,
        { initialGlobals },
      ),
    target: 'dialog',
  },
  {
    name: 'AddCardFlow ValidationErrors',
    compose: (initialGlobals) =>
      composeStory(
        { ...AddCardFlowStories.ValidationErrors, play: validationErrors },
        AddCardFlowStories.default,
        { initialGlobals },
      ),
    target: 'dialog',
  },
  {
    name: 'PayButton PaysWithTheDefaultCard',
    compose: (initialGlobals) =>
      composeStory(
        { ...PayButtonStories.PaysWithTheDefaultCard, play: payWithTheDefault },
        PayButtonStories.default,
        { initialGlobals },
      ),
    target: 'canvas',
  },
  {
    name: 'PayButton ThreeDSecure',
    compose: (initialGlobals) =>
      composeStory(
        { ...PayButtonStories.ThreeDSecureApproved, play: paymentChallenge },
        PayButtonStories.default,
        { initialGlobals },
      ),
    target: 'dialog',
  },
];

const CASES = SCENES.flatMap((scene) =>
  WIDTHS.flatMap((width) =>
    VARIANTS.map(
      (variant) =>
        [`${scene.name} · ${variant.name}${width.suffix}`, scene, variant, width] as const,
    ),
  ),
);

let canvasElement: HTMLElement | undefined;
afterEach(() => {
  // The story itself is unmounted by the next `run()` (portable stories clean up first).
  canvasElement?.remove();
  canvasElement = undefined;
});

test.each(CASES)('%s', async (_title, scene, variant, width) => {
  await page.viewport(width.viewport, width.height);
  // A padded canvas (on a desktop, the width the preview gives stories), so focus rings and
  // shadows at the edges are inside the screenshot; on a phone, the whole screen.
  canvasElement = document.createElement('div');
  canvasElement.style.cssText = `inline-size: ${width.canvas}px; padding: 16px; display: flow-root;`;
  document.body.append(canvasElement);

  await scene.compose(variant.globals).run({ canvasElement });
  await document.fonts.ready;

  const root = document.documentElement;
  expect([root.getAttribute('data-sc-theme'), root.getAttribute('dir')]).toEqual([
    variant.globals.theme,
    variant.globals.dir,
  ]);
  const target =
    scene.target === 'canvas' ? page.elementLocator(canvasElement) : page.getByRole(scene.target);
  await expect
    .element(target)
    .toMatchScreenshot(`${scene.name.replace(' ', '-')}-${variant.name}${width.suffix}`);
});
