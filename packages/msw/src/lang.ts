import {
  GATEWAY_ERROR_CODES,
  type GatewayErrorName,
  type GatewayLang,
  LANG_HEADER,
} from '@savedcards/wire';

type Translations = Record<GatewayErrorName, string>;

// The mock's own wording (Wonder's Chinese texts are not published): what a client shows as the
// gateway's message, in the language it asked for.
const ZH_HK: Translations = {
  invalidParameter: '參數無效。',
  invalidCredential: '憑證格式無效。',
  internalError: '伺服器內部錯誤。',
  notImplemented: '此模擬閘道尚未支援。',
  customerNotFound: '找不到客戶。',
  tokenNotFound: '找不到付款代碼。',
  tokenNotUsable: '付款代碼無法使用：狀態不是成功。',
  cardDeclined: '發卡機構拒絕了此卡。',
};

const ZH_CN: Translations = {
  invalidParameter: '参数无效。',
  invalidCredential: '凭证格式无效。',
  internalError: '服务器内部错误。',
  notImplemented: '此模拟网关尚未支持。',
  customerNotFound: '找不到客户。',
  tokenNotFound: '找不到付款令牌。',
  tokenNotUsable: '付款令牌无法使用：状态不是成功。',
  cardDeclined: '发卡机构拒绝了此卡。',
};

const BY_CODE = new Map<string, { 'zh-HK': string; 'zh-CN': string }>(
  (Object.keys(GATEWAY_ERROR_CODES) as GatewayErrorName[]).map((name) => [
    GATEWAY_ERROR_CODES[name].code,
    { 'zh-HK': ZH_HK[name], 'zh-CN': ZH_CN[name] },
  ]),
);

/** The language a request asks for with `x-i18n-lang`; English when none or another is asked. */
export function requestLang(request: Request): GatewayLang {
  const asked = request.headers.get(LANG_HEADER);
  return asked === 'zh-HK' || asked === 'zh-CN' ? asked : 'en';
}

/** The message for a gateway error code in `lang`; `message` itself for English or an unknown code. */
export function translateMessage(code: string, message: string, lang: GatewayLang): string {
  return lang === 'en' ? message : (BY_CODE.get(code)?.[lang] ?? message);
}

/** `error_msg` of every token (or other object) with a known `error_code`, in `lang`. */
export function translateData(data: unknown, lang: GatewayLang): unknown {
  if (lang === 'en' || data === null || typeof data !== 'object') return data;
  if (Array.isArray(data)) return data.map((item) => translateData(item, lang));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) out[key] = translateData(value, lang);
  if (typeof out.error_code === 'string' && typeof out.error_msg === 'string') {
    out.error_msg = translateMessage(out.error_code, out.error_msg, lang);
  }
  return out;
}
