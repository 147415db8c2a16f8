import type { GatewayLang } from '@savedcards/core';
import { type SavedCardsMessages, zhCNMessages, zhHKMessages } from '@savedcards/ui';

/** The demo page's own words (the kit's come from its message sets). */
const EN = {
  shop: 'Wonder Shop',
  checkout: 'Checkout',
  manage: 'Manage cards',
  manageHeading: 'Your saved cards',
  pages: 'Demo pages',
  signedInAs: (name: string) => `Signed in as ${name}`,
  summary: 'Order summary',
  total: 'Total',
  payWith: 'Pay with',
  pay: (amount: string) => `Pay ${amount}`,
  paid: (amount: string, card: string) => `Paid ${amount} with ${card}. (Demo: no money moved.)`,
  items: ['Oolong tea, 150 g', 'Porcelain tea cup (pair)'],
};

export type DemoCopy = typeof EN;

const ZH_HK: DemoCopy = {
  shop: 'Wonder 商店',
  checkout: '結帳',
  manage: '管理卡',
  manageHeading: '你已儲存的卡',
  pages: '示範頁面',
  signedInAs: (name) => `已登入：${name}`,
  summary: '訂單摘要',
  total: '總計',
  payWith: '付款方式',
  pay: (amount) => `支付 ${amount}`,
  paid: (amount, card) => `已用${card}支付 ${amount}。（示範：沒有實際扣款。）`,
  items: ['烏龍茶，150 克', '瓷茶杯（一對）'],
};

const ZH_CN: DemoCopy = {
  shop: 'Wonder 商店',
  checkout: '结账',
  manage: '管理卡',
  manageHeading: '你已保存的卡',
  pages: '演示页面',
  signedInAs: (name) => `已登录：${name}`,
  summary: '订单摘要',
  total: '总计',
  payWith: '付款方式',
  pay: (amount) => `支付 ${amount}`,
  paid: (amount, card) => `已用${card}支付 ${amount}。（演示：没有实际扣款。）`,
  items: ['乌龙茶，150 克', '瓷茶杯（一对）'],
};

export const DEMO_COPY: Record<GatewayLang, DemoCopy> = { en: EN, 'zh-HK': ZH_HK, 'zh-CN': ZH_CN };

/** The kit's messages for each language (English is the kit's default). */
export const KIT_MESSAGES: Record<GatewayLang, Partial<SavedCardsMessages>> = {
  en: {},
  'zh-HK': zhHKMessages,
  'zh-CN': zhCNMessages,
};
