import {
  type CardBrand,
  type CardFieldError,
  type CardFormField,
  isGatewayError,
  type SavedCard,
} from '@savedcards/core';
import type { SavedCardsMessages } from '../messages.js';
import {
  type AddFailure,
  classifyAddFailure,
  formatCount,
  formatExpiryMonth,
  isConnectionFailure,
} from './format.js';

const LOCALE = 'zh-HK';
const MAX_TEXT = 255;

// As cards and shop fronts in Hong Kong write them.
const BRAND_NAMES: Record<CardBrand, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: '美國運通',
  unionpay: '銀聯',
  jcb: 'JCB',
  discover: 'Discover',
  diners: '大來卡',
  unknown: '卡',
};

const FIELD_LABELS: Record<CardFormField, string> = {
  number: '卡號',
  expiry: '到期日（MM / YY）',
  cvc: '安全碼（CVC）',
  holderName: '持卡人姓名',
  nickname: '卡的暱稱（選填）',
};

const FIELD_ERRORS: Record<CardFormField, Partial<Record<CardFieldError, string>>> = {
  number: {
    required: '請輸入卡號。',
    invalid: '卡號無效，請檢查後再試。',
    incomplete: '卡號不完整。',
    luhn: '卡號無效，請檢查後再試。',
    'unsupported-brand': '本店不接受此卡的品牌。',
    'too-long': '卡號過長。',
  },
  expiry: {
    required: '請輸入到期日。',
    invalid: '到期日無效，請以 MM / YY 格式輸入。',
    incomplete: '請以 MM / YY 格式輸入到期日。',
    expired: '此卡已到期。',
  },
  cvc: {
    required: '請輸入安全碼。',
    invalid: '安全碼無效。',
    incomplete: '安全碼不完整。',
  },
  holderName: {
    required: '請輸入持卡人姓名。',
    'too-long': `姓名過長（最多 ${formatCount(MAX_TEXT, LOCALE)} 個字元）。`,
  },
  nickname: { 'too-long': `暱稱過長（最多 ${formatCount(MAX_TEXT, LOCALE)} 個字元）。` },
};

function connectionHint(error: unknown): string {
  return isConnectionFailure(error) ? '請檢查網絡連線後再試。' : '';
}

/** Traditional Chinese as written in Hong Kong (繁體中文（香港）). */
export const zhHKMessages: SavedCardsMessages = {
  locale: LOCALE,
  listLabel: '已儲存的卡',
  loading: '正在載入已儲存的卡…',
  empty: '你尚未儲存任何卡。',
  retry: '再試一次',
  loadError: (error) => {
    const kind = isGatewayError(error) ? error.kind : undefined;
    if (kind === 'network') {
      return '無法連接伺服器載入你已儲存的卡。請檢查網絡連線後再試。';
    }
    if (kind === 'timeout') {
      return '載入已儲存的卡時間過長，請再試一次。';
    }
    return '無法載入你已儲存的卡，請再試一次。';
  },
  errorReference: (requestId) => `參考編號：${requestId}`,
  brandName: (brand) => BRAND_NAMES[brand],
  cardName(card) {
    const brand = this.brandName(card.brand);
    return card.last4 ? `${brand} 尾號 ${card.last4}` : brand;
  },
  cardLabel(card: SavedCard) {
    const parts = [this.cardName(card)];
    const month = formatExpiryMonth(card, LOCALE);
    if (month) {
      parts.push(card.expiry === 'expired' ? `已於 ${month} 到期` : `有效期至 ${month}`);
    }
    if (card.isDefault) {
      parts.push('預設');
    }
    return parts.join('，');
  },
  maskedNumber: (card) => (card.last4 ? `•••• ${card.last4}` : ''),
  expires: (expiry) => `有效期至 ${expiry}`,
  expired: (expiry) => `已於 ${expiry} 到期`,
  badgeDefault: '預設',
  badgeExpiring: '即將到期',
  badgeExpired: '已到期',
  badgePending: '等待驗證',
  badgeFailed: '驗證失敗',
  makeDefault: '設為預設',
  makeDefaultLabel(card) {
    return `設為預設：${this.cardName(card)}`;
  },
  remove: '移除',
  removeLabel(card) {
    return `移除：${this.cardName(card)}`;
  },
  removeTitle(card) {
    return `移除 ${this.cardName(card)}？`;
  },
  removeDescription: (card) =>
    card.isDefault
      ? '這是你的預設卡。移除後如要再用此卡付款，須重新新增。'
      : '移除後如要再用此卡付款，須重新新增。',
  keepCard: '保留此卡',
  confirmRemove: '移除此卡',
  removeRefusedTitle(card) {
    return `無法移除 ${this.cardName(card)}`;
  },
  removeRefused: (reason) =>
    ({
      default: '這是你的預設卡。請先將另一張卡設為預設。',
      'last-card': '這是你唯一的卡。請先新增另一張卡，再移除此卡。',
      'in-use': '此卡正用於訂單或定期付款。',
    })[reason],
  acknowledge: '確定',
  defaultChanged(card) {
    return `已將 ${this.cardName(card)} 設為你的預設卡。`;
  },
  removed(card) {
    return `已移除 ${this.cardName(card)}。`;
  },
  setDefaultFailed(card, error) {
    return `無法將 ${this.cardName(card)} 設為預設卡，資料沒有任何更改。${connectionHint(error)}`;
  },
  removeFailed(card, error) {
    return `無法移除 ${this.cardName(card)}，資料沒有任何更改。${connectionHint(error)}`;
  },
  offline: '你已離線。重新連線前，暫時無法更改你的卡。',
  defaultPickerLabel: '預設卡',
  noUsableCards: '你沒有可設為預設的卡。',
  addCard: '新增卡',
  addCardTitle: '新增卡',
  addCardDescription:
    '你的卡會儲存在 Wonder Gateway。此頁面只會保留卡的品牌、最後四位數字及到期日。',
  fieldLabel: (field) => FIELD_LABELS[field],
  fieldError: (field, error) => FIELD_ERRORS[field][error] ?? `請檢查${FIELD_LABELS[field]}。`,
  detectedBrand: (brand) => (brand === 'unknown' ? '' : BRAND_NAMES[brand]),
  saveAsDefault: '設為我的預設卡',
  saveCard: '儲存卡',
  saving: '儲存中…',
  duplicateWarning(card, expiry) {
    return `你已儲存過 ${this.cardName(card)}（有效期至 ${expiry}）。要再儲存一次嗎？`;
  },
  saveAnyway: '仍然儲存',
  cancel: '取消',
  done: '完成',
  tryAgain: '再試一次',
  verifying: '正在等待你的銀行確認此卡…',
  verifyInPopup: '請在已開啟的視窗中完成銀行驗證。',
  popupBlocked: '你的瀏覽器封鎖了驗證視窗。',
  openVerification: '開啟驗證視窗',
  verificationFrameTitle: '與你的銀行進行 3-D Secure 驗證',
  redirecting: '正在帶你前往銀行驗證此卡…',
  cardAdded(card) {
    return `已儲存 ${this.cardName(card)}。`;
  },
  addFailed: (reason, error, gatewayMessage) => {
    const wording: Record<AddFailure, () => string> = {
      'not-approved': () =>
        `你的銀行未有批准此卡。${gatewayMessage ? `${gatewayMessage} ` : ''}此卡未有儲存。`,
      'unsafe-url': () => '無法安全地開啟驗證頁面，此卡未有儲存。',
      unconfirmed: () => '無法向你的銀行確認此卡。如此卡現已列於你的已儲存卡，即已成功儲存。',
      'card-declined': () => '你的卡被拒絕。請檢查資料或改用另一張卡。',
      'not-saved': () => `無法儲存你的卡，此卡未有儲存。${connectionHint(error)}`,
    };
    return wording[classifyAddFailure(reason, error)]();
  },
  addTimedOut: '驗證時間過長，此卡未有儲存。請再試一次。',
  addCancelled: '已取消新增卡，此卡未有儲存。',
};
