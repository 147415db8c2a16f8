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

const LOCALE = 'zh-CN';
const MAX_TEXT = 255;

// As cards and checkouts in mainland China write them.
const BRAND_NAMES: Record<CardBrand, string> = {
  visa: 'Visa',
  mastercard: '万事达卡',
  amex: '美国运通',
  unionpay: '银联',
  jcb: 'JCB',
  discover: 'Discover',
  diners: '大来卡',
  unknown: '银行卡',
};

const FIELD_LABELS: Record<CardFormField, string> = {
  number: '卡号',
  expiry: '有效期（MM / YY）',
  cvc: '安全码（CVC）',
  holderName: '持卡人姓名',
  nickname: '卡片昵称（选填）',
};

const FIELD_ERRORS: Record<CardFormField, Partial<Record<CardFieldError, string>>> = {
  number: {
    required: '请输入卡号。',
    invalid: '卡号无效，请检查后重试。',
    incomplete: '卡号不完整。',
    luhn: '卡号无效，请检查后重试。',
    'unsupported-brand': '暂不支持该卡品牌。',
    'too-long': '卡号过长。',
  },
  expiry: {
    required: '请输入有效期。',
    invalid: '有效期无效，请按 MM / YY 格式输入。',
    incomplete: '请按 MM / YY 格式输入有效期。',
    expired: '此卡已过期。',
  },
  cvc: {
    required: '请输入安全码。',
    invalid: '安全码无效。',
    incomplete: '安全码不完整。',
  },
  holderName: {
    required: '请输入持卡人姓名。',
    'too-long': `姓名过长（最多 ${formatCount(MAX_TEXT, LOCALE)} 个字符）。`,
  },
  nickname: { 'too-long': `昵称过长（最多 ${formatCount(MAX_TEXT, LOCALE)} 个字符）。` },
};

function connectionHint(error: unknown): string {
  return isConnectionFailure(error) ? '请检查网络连接后重试。' : '';
}

/** Simplified Chinese as written in mainland China (简体中文). */
export const zhCNMessages: SavedCardsMessages = {
  locale: LOCALE,
  listLabel: '已保存的银行卡',
  loading: '正在加载已保存的银行卡…',
  empty: '您还没有保存任何银行卡。',
  retry: '重试',
  loadError: (error) => {
    const kind = isGatewayError(error) ? error.kind : undefined;
    if (kind === 'network') {
      return '无法连接服务器加载您已保存的银行卡。请检查网络连接后重试。';
    }
    if (kind === 'timeout') {
      return '加载已保存的银行卡超时，请重试。';
    }
    return '无法加载您已保存的银行卡，请重试。';
  },
  errorReference: (requestId) => `参考编号：${requestId}`,
  brandName: (brand) => BRAND_NAMES[brand],
  cardName(card) {
    const brand = this.brandName(card.brand);
    return card.last4 ? `${brand} 尾号 ${card.last4}` : brand;
  },
  cardLabel(card: SavedCard) {
    const parts = [this.cardName(card)];
    const month = formatExpiryMonth(card, LOCALE);
    if (month) {
      parts.push(card.expiry === 'expired' ? `已于 ${month} 过期` : `有效期至 ${month}`);
    }
    if (card.isDefault) {
      parts.push('默认');
    }
    return parts.join('，');
  },
  maskedNumber: (card) => (card.last4 ? `•••• ${card.last4}` : ''),
  expires: (expiry) => `有效期至 ${expiry}`,
  expired: (expiry) => `已于 ${expiry} 过期`,
  badgeDefault: '默认',
  badgeExpiring: '即将过期',
  badgeExpired: '已过期',
  badgePending: '待验证',
  badgeFailed: '验证失败',
  makeDefault: '设为默认',
  makeDefaultLabel(card) {
    return `设为默认：${this.cardName(card)}`;
  },
  remove: '删除',
  removeLabel(card) {
    return `删除：${this.cardName(card)}`;
  },
  removeTitle(card) {
    return `删除 ${this.cardName(card)}？`;
  },
  removeDescription: (card) =>
    card.isDefault
      ? '这是您的默认银行卡。删除后如需再用此卡付款，需要重新添加。'
      : '删除后如需再用此卡付款，需要重新添加。',
  keepCard: '保留此卡',
  confirmRemove: '删除此卡',
  removeRefusedTitle(card) {
    return `无法删除 ${this.cardName(card)}`;
  },
  removeRefused: (reason) =>
    ({
      default: '这是您的默认银行卡。请先将另一张卡设为默认。',
      'last-card': '这是您唯一的银行卡。请先添加另一张卡，再删除此卡。',
      'in-use': '此卡正用于订单或订阅扣款。',
    })[reason],
  acknowledge: '确定',
  defaultChanged(card) {
    return `已将 ${this.cardName(card)} 设为您的默认银行卡。`;
  },
  removed(card) {
    return `已删除 ${this.cardName(card)}。`;
  },
  setDefaultFailed(card, error) {
    return `无法将 ${this.cardName(card)} 设为默认银行卡，未作任何更改。${connectionHint(error)}`;
  },
  removeFailed(card, error) {
    return `无法删除 ${this.cardName(card)}，未作任何更改。${connectionHint(error)}`;
  },
  offline: '您已离线。恢复网络连接前，暂时无法更改银行卡。',
  defaultPickerLabel: '默认银行卡',
  noUsableCards: '您没有可以设为默认的银行卡。',
  addCard: '添加银行卡',
  addCardTitle: '添加银行卡',
  addCardDescription:
    '您的银行卡将保存在 Wonder Gateway。本页面仅保留卡的品牌、后四位数字和有效期。',
  fieldLabel: (field) => FIELD_LABELS[field],
  fieldError: (field, error) => FIELD_ERRORS[field][error] ?? `请检查${FIELD_LABELS[field]}。`,
  detectedBrand: (brand) => (brand === 'unknown' ? '' : BRAND_NAMES[brand]),
  saveAsDefault: '设为我的默认银行卡',
  saveCard: '保存银行卡',
  saving: '正在保存…',
  duplicateWarning(card, expiry) {
    return `您已保存过 ${this.cardName(card)}（有效期至 ${expiry}）。要再次保存吗？`;
  },
  saveAnyway: '仍然保存',
  cancel: '取消',
  done: '完成',
  tryAgain: '重试',
  verifying: '正在等待您的银行确认此卡…',
  verifyInPopup: '请在已打开的窗口中完成银行验证。',
  popupBlocked: '您的浏览器拦截了验证窗口。',
  openVerification: '打开验证窗口',
  verificationFrameTitle: '与您的银行进行 3-D Secure 验证',
  redirecting: '正在跳转到您的银行验证此卡…',
  cardAdded(card) {
    return `已保存 ${this.cardName(card)}。`;
  },
  addFailed: (reason, error, gatewayMessage) => {
    const wording: Record<AddFailure, () => string> = {
      'not-approved': () =>
        `您的银行未批准此卡。${gatewayMessage ? `${gatewayMessage} ` : ''}此卡未保存。`,
      'unsafe-url': () => '无法安全打开验证页面，此卡未保存。',
      unconfirmed: () => '无法向您的银行确认此卡。如果此卡已出现在您已保存的卡中，即已成功保存。',
      'card-declined': () => '您的银行卡被拒绝。请检查卡信息或换一张卡。',
      'not-saved': () => `无法保存您的银行卡，此卡未保存。${connectionHint(error)}`,
    };
    return wording[classifyAddFailure(reason, error)]();
  },
  addTimedOut: '验证超时，此卡未保存。请重试。',
  addCancelled: '已取消添加银行卡，此卡未保存。',
};
