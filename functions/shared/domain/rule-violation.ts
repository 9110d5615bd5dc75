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
  | 'auto_close_not_due';

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
