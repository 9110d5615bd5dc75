/**
 * The typed error of an event the law does not allow at this point of a case (e.g. a second notice to
 * supplement, Art. 30). Handlers map it to HTTP 409/422; `message` is Chinese, for the user.
 */

/** Machine-readable reasons an event is rejected. */
export type RuleViolationCode =
  | 'invalid_event'
  | 'not_received'
  | 'duplicate_receipt'
  | 'case_closed'
  | 'event_before_receipt'
  | 'event_out_of_order'
  | 'second_supplement_request'
  | 'supplement_request_too_late'
  | 'invalid_supplement_period'
  | 'supplement_without_request'
  | 'duplicate_supplement'
  | 'duplicate_consultation'
  | 'unknown_consultation'
  | 'consultation_already_ended'
  | 'second_extension'
  | 'extension_too_long'
  | 'extension_after_deadline'
  | 'extension_not_notified'
  | 'extension_notified_late'
  | 'extension_notified_before_decision'
  | 'supplement_late'
  | 'fee_not_chargeable'
  | 'extension_while_awaiting_supplement'
  | 'extension_after_agency_reply_date'
  | 'reply_date_not_later'
  | 'second_fee_notice'
  | 'fee_notice_after_deadline'
  | 'fee_paid_without_notice'
  | 'duplicate_fee_payment'
  | 'auto_close_not_due'
  | 'extension_already_requested'
  | 'unknown_extension_request';

/** An event rejected by a rule of the Regulations; `rule` cites it ('Art. 30'), `code` names the case. */
export class RuleViolationError extends Error {
  override readonly name = 'RuleViolationError';
  readonly rule: string;
  readonly code: RuleViolationCode;

  constructor(rule: string, code: RuleViolationCode, message: string) {
    super(message);
    this.rule = rule;
    this.code = code;
  }
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 in Chinese numerals, as articles are numbered (第三十三条). */
function chineseNumber(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens >= 10) return String(n);
  return `${tens === 1 ? '' : CHINESE_DIGITS[tens]}十${ones ? CHINESE_DIGITS[ones] : ''}`;
}

/**
 * A rule citation (`RuleViolationError.rule`, a deadline's `basis`) in Chinese: articles of the Regulations
 * (《中华人民共和国政府信息公开条例》) as 第N条第M款, the fee measures by their title.
 *
 * @example ruleInChinese('Art. 33 ¶2') // => '第三十三条第二款'
 * @example ruleInChinese('Fee Measures') // => '《政府信息公开信息处理费管理办法》'
 */
export function ruleInChinese(rule: string): string {
  return rule
    .replace(/Art\.\s*(\d+)(?:\s*¶\s*(\d+))?/g, (_, article: string, paragraph?: string) =>
      paragraph
        ? `第${chineseNumber(Number(article))}条第${chineseNumber(Number(paragraph))}款`
        : `第${chineseNumber(Number(article))}条`,
    )
    .replace('Fee Measures', '《政府信息公开信息处理费管理办法》');
}

/**
 * The message a user reads for a rule violation: the domain's Chinese message, which names its article
 * itself where it can; otherwise the article is added in Chinese (never the English citation).
 *
 * @example ruleViolationMessage(new RuleViolationError('Art. 30', 'duplicate_supplement', '已登记收到补正，不能重复登记（第三十条）')) // => '已登记收到补正，不能重复登记（第三十条）'
 * @example ruleViolationMessage(new RuleViolationError('Art. 31', 'duplicate_receipt', '申请已登记收到，不能重复登记')) // => '申请已登记收到，不能重复登记（第三十一条）'
 */
export function ruleViolationMessage(error: Pick<RuleViolationError, 'message' | 'rule'>): string {
  if (/第[一二三四五六七八九十]+条|《/.test(error.message)) return error.message;
  return `${error.message}（${ruleInChinese(error.rule)}）`;
}
