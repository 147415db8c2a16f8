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
  orderFailed: 'The order could not be created. Reload the page to try again.',
  receipt: 'Receipt',
  receiptOrder: 'Order',
  receiptAmount: 'Amount',
  receiptCard: 'Card',
  receiptStatus: 'Merchant’s records',
  orderPaid: 'Paid, confirmed by Wonder',
  orderAwaitingWebhook: 'Waiting for Wonder to confirm…',
  newOrder: 'Start a new order',
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
  orderFailed: '未能建立訂單。請重新載入頁面再試。',
  receipt: '收據',
  receiptOrder: '訂單',
  receiptAmount: '金額',
  receiptCard: '卡',
  receiptStatus: '商戶記錄',
  orderPaid: '已付款，Wonder 已確認',
  orderAwaitingWebhook: '正在等待 Wonder 確認…',
  newOrder: '開始新訂單',
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
  orderFailed: '无法创建订单。请重新加载页面再试。',
  receipt: '收据',
  receiptOrder: '订单',
  receiptAmount: '金额',
  receiptCard: '卡',
  receiptStatus: '商户记录',
  orderPaid: '已付款，Wonder 已确认',
  orderAwaitingWebhook: '正在等待 Wonder 确认…',
  newOrder: '开始新订单',
  items: ['乌龙茶，150 克', '瓷茶杯（一对）'],
};

export const DEMO_COPY: Record<GatewayLang, DemoCopy> = { en: EN, 'zh-HK': ZH_HK, 'zh-CN': ZH_CN };

/** The kit's messages for each language (English is the kit's default). */
export const KIT_MESSAGES: Record<GatewayLang, Partial<SavedCardsMessages>> = {
  en: {},
  'zh-HK': zhHKMessages,
  'zh-CN': zhCNMessages,
};
