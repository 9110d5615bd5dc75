/**
 * The case model shared by every part of gongkai: applicant categories, outcome codes, channels and
 * the case's append-only event log. Pure types and constant tables only; rules live beside them.
 *
 * Dates (`LocalDate`) are legal dates `YYYY-MM-DD` in Asia/Shanghai; instants (`Instant`) are ISO-8601 UTC.
 */

/** A legal date `YYYY-MM-DD` in Asia/Shanghai. */
export type LocalDate = string;
/** An ISO-8601 instant in UTC, e.g. `2024-10-23T01:00:00.000Z`. */
export type Instant = string;

/** Applicant categories (申请人类别), the columns of section 三 of the annual report. Art. 29; 2021 report format. */
export const APPLICANT_TYPES = [
  'natural_person',
  'commercial_enterprise',
  'research_institution',
  'social_welfare_org',
  'legal_service_org',
  'other_org',
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

export const APPLICANT_TYPE_LABELS: Record<ApplicantType, string> = {
  natural_person: '自然人',
  commercial_enterprise: '商业企业',
  research_institution: '科研机构',
  social_welfare_org: '社会公益组织',
  legal_service_org: '法律服务机构',
  other_org: '其他',
};

/** Proof of identity: `resident_id` 居民身份证, `passport`, `other_id` for a person; `credit_code` 统一社会信用代码 for an organisation. */
export const ID_TYPES = ['resident_id', 'passport', 'other_id', 'credit_code'] as const;
export type IdType = (typeof ID_TYPES)[number];

/** How the application reached the agency (Art. 31 decides the receipt date per channel). */
export const CHANNELS = ['online', 'in_person', 'registered_post', 'ordinary_letter', 'fax'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  online: '互联网',
  in_person: '当面',
  registered_post: '邮寄（需签收）',
  ordinary_letter: '平常信函',
  fax: '传真',
};

export const DELIVERY_FORMS = ['paper', 'electronic'] as const;
export type DeliveryForm = (typeof DELIVERY_FORMS)[number];
export const DELIVERY_METHODS = ['email', 'post', 'pickup', 'online'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/**
 * The outcome codes of a closed case (ogi-rules.md §4), in the official row order of section 三.
 * Each closed case has exactly one; the code decides its row.
 */
export const OUTCOME_CODES = [
  'disclosed',
  'partially_disclosed',
  'withheld.state_secret',
  'withheld.prohibited_by_law',
  'withheld.security_stability',
  'withheld.third_party_rights',
  'withheld.internal_affairs',
  'withheld.process_information',
  'withheld.enforcement_file',
  'withheld.administrative_inquiry',
  'unavailable.not_held',
  'unavailable.needs_compilation',
  'unavailable.still_unclear',
  'not_processed.petition',
  'not_processed.duplicate',
  'not_processed.publication',
  'not_processed.excessive',
  'not_processed.confirmation',
  'other.supplement_overdue',
  'other.fee_unpaid',
  'other.other',
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

/** Outcomes the system itself reaches when the applicant lets a period lapse (Art. 30; Fee Measures). */
export type AutomaticOutcome = Extract<OutcomeCode, 'other.supplement_overdue' | 'other.fee_unpaid'>;

export const OUTCOME_LABELS: Record<OutcomeCode, string> = {
  disclosed: '予以公开',
  partially_disclosed: '部分公开',
  'withheld.state_secret': '属于国家秘密',
  'withheld.prohibited_by_law': '其他法律行政法规禁止公开',
  'withheld.security_stability': '危及“三安全一稳定”',
  'withheld.third_party_rights': '保护第三方合法权益',
  'withheld.internal_affairs': '属于三类内部事务信息',
  'withheld.process_information': '属于四类过程性信息',
  'withheld.enforcement_file': '属于行政执法案卷',
  'withheld.administrative_inquiry': '属于行政查询事项',
  'unavailable.not_held': '本机关不掌握相关政府信息',
  'unavailable.needs_compilation': '没有现成信息需要另行制作',
  'unavailable.still_unclear': '补正后申请内容仍不明确',
  'not_processed.petition': '信访举报投诉类申请',
  'not_processed.duplicate': '重复申请',
  'not_processed.publication': '要求提供公开出版物',
  'not_processed.excessive': '无正当理由大量反复申请',
  'not_processed.confirmation': '要求行政机关确认或重新出具已获取信息',
  'other.supplement_overdue': '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  'other.fee_unpaid': '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  'other.other': '其他',
};

export type ConsultationParty = 'third_party' | 'other_agency';
export type ConsultationOpinion = 'agreed' | 'disagreed' | 'no_reply';

/** How a document reached its addressee (送达方式), design.md §9 `record_service`. */
export const SERVICE_METHODS = ['email', 'post', 'in_person', 'online'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];
export const SERVICE_METHOD_LABELS: Record<ServiceMethod, string> = {
  email: '电子邮件送达',
  post: '邮寄送达',
  in_person: '直接送达',
  online: '网上送达',
};
export type FeeMethod = 'by_count' | 'by_pages';

/**
 * One fact in a case's life, in the domain's terms. The event log is append-only; every deadline is
 * derived from it by the statutory clock, never stored.
 */
export type CaseEvent =
  /** Art. 31: the receipt date depends on the channel. */
  | { type: 'received'; on: LocalDate; channel: Channel }
  /** Art. 30: the single notice to supplement (补正告知). */
  | { type: 'supplement_requested'; on: LocalDate; items: string; periodWorkingDays: number }
  /**
   * Art. 30: the reply clock restarts from this day. After the supplement period only with a recorded good reason
   * (`lateReason`, staff accepting a late supplement).
   */
  | { type: 'supplement_received'; on: LocalDate; lateReason?: string }
  /**
   * Art. 32 (third party) / Art. 34 (other agency): consultation (征求意见), sent `on`; the opinion period counts
   * from the party's receipt (`receivedOn`, by default the sending day); the time is not counted (Art. 33 ¶3).
   */
  | {
      type: 'consultation_started';
      on: LocalDate;
      consultationId: string;
      party: ConsultationParty;
      name: string;
      /** What the party is asked (the consultation letter's question; the application's description by default). */
      question?: string;
      receivedOn?: LocalDate;
    }
  | {
      type: 'consultation_ended';
      on: LocalDate;
      consultationId: string;
      /** The opinion received (Art. 32): 同意, 不同意, or none within the period (逾期未答复). */
      opinion?: ConsultationOpinion;
      /** Its summary, for the file (internal: the third party's reasons are not the applicant's to read). */
      opinionSummary?: string;
    }
  /**
   * Art. 33 ¶2: one extension (延期) of at most 20 working days, approved by the head of the OGI office, the
   * applicant told before the deadline: `notifiedOn`, when the applicant was told otherwise than by the system's
   * own notice (a paper notice served in time).
   */
  | {
      type: 'extended';
      on: LocalDate;
      workingDays: number;
      /** Who approved: a typed name (approved on paper), or the head's own account (approved in gongkai). */
      approver: string;
      /** `online`: the head approved the officer's request in gongkai (design.md §9); `approver` is an account. */
      approval?: 'online';
      /** Told to the applicant. */
      reason?: string;
      notifiedOn?: LocalDate;
    }
  /** Art. 35: for an excessive request the agency sets a reasonable later reply date. */
  | { type: 'reply_date_set'; on: LocalDate; replyBy: LocalDate; reason: string }
  /**
   * Fee Measures: the fee notice (收费通知), sent `on`, received by the applicant `receivedOn` (by default the
   * sending day); payment is due within 20 working days from the day after receipt; the time from sending until
   * payment is not counted (Art. 7).
   */
  | {
      type: 'fee_notice_sent';
      on: LocalDate;
      method: FeeMethod;
      pages?: number;
      amountYuan: number;
      receivedOn?: LocalDate;
    }
  | { type: 'fee_paid'; on: LocalDate }
  /** Art. 36–39: the reply, with its outcome. */
  | { type: 'replied'; on: LocalDate; outcome: OutcomeCode; summary: string }
  /** Art. 30 / Fee Measures: the system closes the case when the applicant lets a period lapse. */
  | { type: 'closed_automatically'; on: LocalDate; outcome: AutomaticOutcome }
  /**
   * Service (送达) of a document, recorded by staff (post, in person, online; an email records its own on the
   * document). `on` is the day it was served; it may come after the case closed and before later events.
   */
  | {
      type: 'served';
      on: LocalDate;
      documentId: string;
      method: ServiceMethod;
      trackingNumber?: string;
    };

export type CaseEventType = CaseEvent['type'];

/** An event as recorded in the log: the domain event plus who recorded it and when. */
export interface RecordedEvent {
  seq: number;
  at: Instant;
  actor: string;
  event: CaseEvent;
}

/**
 * The approver of an extension as letters and the ledger name them (Art. 33 ¶2: approved by the head of the OGI
 * office): a name typed for an approval on paper, as typed; for an approval given in gongkai, no account id but
 * `undefined` (the letter says the office head approved; the ledger says it was approved online).
 *
 * @example extensionApproverName({ approver: '王主任' }) // => '王主任'
 * @example extensionApproverName({ approver: 'staff@niedui-town:head', approval: 'online' }) // => undefined
 */
export function extensionApproverName(event: { approver: string; approval?: 'online' }): string | undefined {
  return event.approval === 'online' ? undefined : event.approver.trim() || undefined;
}
