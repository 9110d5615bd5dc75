/**
 * Email templates (Chinese): pure functions returning `{ subject, text, html }`. Every interpolated
 * value is HTML-escaped in the html part through `escapeHtml`; dates read `2024年10月30日` and the
 * plain text also carries the ISO date, `2024年10月30日（2024-10-30）`.
 *
 * To the applicant: acknowledgement, supplementNotice, supplementReminder, extensionNotice,
 * feeNotice, replyNotice, autoClosedNotice. To the OGI office: newApplicationNotice, the daily officeDigest
 * (and its head's headDigest), officeReminder, consultationDue, overdueEscalation, reportReady.
 */
import { escapeHtml } from '../html';
import { PROVISIONAL_MARK, PROVISIONAL_NOTE } from '../domain/provisional';
import type { ArrivalEntry, HeadDigest, OfficeDigest } from '../domain/digest';
import {
  OUTCOME_LABELS,
  type AutomaticOutcome,
  type FeeMethod,
  type LocalDate,
  type OutcomeCode,
} from '../domain/model';
import { caseLink, formatChineseDate, formatYuan, reportLink, statusLink } from './format';

export { caseLink, formatChineseDate, formatYuan, reportLink, statusLink } from './format';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** `2024年10月30日（2024-10-30）`, as dates appear in the plain text. */
function textDate(date: LocalDate): string {
  return `${formatChineseDate(date)}（${date}）`;
}

// ---------------------------------------------------------------------------------------------
// Building blocks: a template is a list of parts rendered once as text and once as HTML.
// ---------------------------------------------------------------------------------------------

/**
 * Marks a value as a legal date: `2024年10月30日（2024-10-30）` in text, `2024年10月30日` in HTML; a date resting on
 * a year without a holiday notice is followed by `（暂定）` (design.md §9).
 */
interface DateValue {
  date: LocalDate;
  provisional?: boolean;
}
type Value = string | number | DateValue;

type Part =
  | { kind: 'greeting'; to: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'facts'; rows: readonly (readonly [string, Value])[] }
  | { kind: 'block'; title: string; body: string }
  | { kind: 'link'; label: string; url: string }
  | { kind: 'list'; items: readonly string[] };

const d = (date: LocalDate, provisional = false): DateValue => ({ date, ...(provisional ? { provisional } : {}) });

function valueText(v: Value): string {
  return typeof v === 'object' ? `${textDate(v.date)}${v.provisional ? PROVISIONAL_MARK : ''}` : String(v);
}
function valueHtml(v: Value): string {
  return typeof v === 'object'
    ? `<time datetime="${escapeHtml(v.date)}">${escapeHtml(formatChineseDate(v.date))}</time>${v.provisional ? PROVISIONAL_MARK : ''}`
    : escapeHtml(v);
}

/** The one sentence saying why a date is 暂定, when one is (design.md §9). */
function provisionalNote(provisional: boolean | undefined): Part[] {
  return provisional
    ? [{ kind: 'paragraph', text: `注：标注“暂定”的日期${PROVISIONAL_NOTE.replace(/^该日期/, '')}` }]
    : [];
}
function multiline(s: string): string {
  return escapeHtml(s).replace(/\r?\n/g, '<br>');
}

function renderText(parts: readonly Part[], signature: string): string {
  const out: string[] = [];
  for (const p of parts) {
    switch (p.kind) {
      case 'greeting':
        out.push(`${p.to}：`);
        break;
      case 'paragraph':
        out.push(p.text);
        break;
      case 'facts':
        out.push(p.rows.map(([k, v]) => `${k}：${valueText(v)}`).join('\n'));
        break;
      case 'block':
        out.push(`${p.title}：\n${p.body}`);
        break;
      case 'link':
        out.push(`${p.label}：${p.url}`);
        break;
      case 'list':
        out.push(p.items.map((item, i) => `${i + 1}. ${item}`).join('\n'));
        break;
    }
  }
  out.push(signature);
  return `${out.join('\n\n')}\n`;
}

function renderHtml(subject: string, parts: readonly Part[], signature: string): string {
  const out: string[] = [];
  for (const p of parts) {
    switch (p.kind) {
      case 'greeting':
        out.push(`<p>${escapeHtml(p.to)}：</p>`);
        break;
      case 'paragraph':
        out.push(`<p>${multiline(p.text)}</p>`);
        break;
      case 'facts':
        out.push(
          `<table>${p.rows.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${valueHtml(v)}</td></tr>`).join('')}</table>`,
        );
        break;
      case 'block':
        out.push(`<p><strong>${escapeHtml(p.title)}</strong></p><blockquote>${multiline(p.body)}</blockquote>`);
        break;
      case 'link':
        out.push(`<p>${escapeHtml(p.label)}：<a href="${escapeHtml(p.url)}">${escapeHtml(p.url)}</a></p>`);
        break;
      case 'list':
        out.push(`<ol>${p.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ol>`);
        break;
    }
  }
  out.push(`<p>${multiline(signature)}</p>`);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${out.join('')}</body></html>`;
}

function email(rawSubject: string, parts: readonly Part[], signature: string): EmailContent {
  const subject = rawSubject.replace(/[\r\n]+/g, ' '); // a header: one line
  return { subject, text: renderText(parts, signature), html: renderHtml(subject, parts, signature) };
}

const SYSTEM_NOTE = '本邮件由政府信息公开申请系统自动发送，请勿直接回复。';
const applicantSignature = (agencyName: string) => `${agencyName}\n${SYSTEM_NOTE}`;
const officeSignature = `gongkai 政府信息公开申请办理系统\n${SYSTEM_NOTE}`;

// ---------------------------------------------------------------------------------------------
// To the applicant
// ---------------------------------------------------------------------------------------------

/** Common facts of every email about one application. */
export interface ApplicationRef {
  /** The agency handling the application (受理机关). */
  agencyName: string;
  receiptNumber: string;
  /** The public site, e.g. `https://gongkai.example.gov.cn`; links are built from it. */
  baseUrl: string;
  /** The applicant's name for the greeting; omitted → 申请人. */
  applicantName?: string;
}

export interface AcknowledgementInput extends ApplicationRef {
  receivedOn: LocalDate;
  replyDue: LocalDate;
  trackingCode: string;
  /** True when the due date rests on a holiday calendar not yet published (ogi-rules.md §7). */
  provisional?: boolean;
}

/**
 * Acknowledgement of an online application (Art. 31: the receipt date is the day both sides
 * confirm it), with the reply due date (Art. 33 ¶2) and the tracking code for the status page.
 */
export function acknowledgement(input: AcknowledgementInput): EmailContent {
  const subject = `【${input.agencyName}】已收到您的政府信息公开申请（受理编号 ${input.receiptNumber}）`;
  return email(
    subject,
    [
      { kind: 'greeting', to: input.applicantName ?? '申请人' },
      { kind: 'paragraph', text: `${input.agencyName}已收到您通过互联网提交的政府信息公开申请。` },
      {
        kind: 'facts',
        rows: [
          ['受理机关', input.agencyName],
          ['受理编号', input.receiptNumber],
          ['收到申请日期', d(input.receivedOn)],
          ['答复期限', d(input.replyDue, input.provisional)],
          ['查询码', input.trackingCode],
        ],
      },
      ...provisionalNote(input.provisional),
      { kind: 'paragraph', text: '接下来：' },
      {
        kind: 'list',
        items: [
          '本机关将自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经批准可延长不超过20个工作日，并会事先告知您（《中华人民共和国政府信息公开条例》第三十三条）。',
          '申请内容不明确的，本机关将在7个工作日内一次性告知您需要补正的事项，答复期限自收到补正后的申请之日起重新计算（第三十条）。',
          '征求第三方或其他机关意见所需时间不计算在答复期限内（第三十二条、第三十三条、第三十四条）。',
          '请妥善保管受理编号和查询码，凭二者可查询办理进度和补正申请。',
        ],
      },
      { kind: 'link', label: '查询办理进度', url: statusLink(input.baseUrl, input.receiptNumber) },
    ],
    applicantSignature(input.agencyName),
  );
}

export interface SupplementNoticeInput extends ApplicationRef {
  /** What to supplement (补正事项), as the staff wrote it. */
  items: string;
  periodWorkingDays: number;
  /** The last day to supplement. */
  dueOn: LocalDate;
  /** The last day rests on a year without a holiday notice. */
  provisional?: boolean;
}

/** The single notice to supplement (补正告知, Art. 30). */
export function supplementNotice(input: SupplementNoticeInput): EmailContent {
  const subject = `【${input.agencyName}】请补正您的政府信息公开申请（受理编号 ${input.receiptNumber}）`;
  return email(
    subject,
    [
      { kind: 'greeting', to: input.applicantName ?? '申请人' },
      {
        kind: 'paragraph',
        text: `您的政府信息公开申请内容不够明确。根据《中华人民共和国政府信息公开条例》第三十条，请在${input.periodWorkingDays}个工作日内补正以下事项。`,
      },
      { kind: 'block', title: '需要补正的事项', body: input.items },
      {
        kind: 'facts',
        rows: [
          ['受理编号', input.receiptNumber],
          ['补正截止日期', d(input.dueOn, input.provisional)],
        ],
      },
      ...provisionalNote(input.provisional),
      {
        kind: 'paragraph',
        text: '答复期限自本机关收到补正后的申请之日起重新计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该申请。',
      },
      { kind: 'link', label: '在线补正（需输入查询码）', url: statusLink(input.baseUrl, input.receiptNumber) },
    ],
    applicantSignature(input.agencyName),
  );
}

export interface ExtensionNoticeInput extends ApplicationRef {
  workingDays: number;
  /** The new reply due date. */
  newDue: LocalDate;
  /** The due date before the extension, if known. */
  previousDue?: LocalDate;
  /** Why the extension is needed (Art. 33 ¶2). */
  reason?: string;
  /** The new due date rests on a year without a holiday notice. */
  provisional?: boolean;
}

/** Notice of an extension of the reply period (延期答复, Art. 33 ¶2). */
export function extensionNotice(input: ExtensionNoticeInput): EmailContent {
  const subject = `【${input.agencyName}】延期答复告知（受理编号 ${input.receiptNumber}）`;
  return email(
    subject,
    [
      { kind: 'greeting', to: input.applicantName ?? '申请人' },
      {
        kind: 'paragraph',
        text: `根据《中华人民共和国政府信息公开条例》第三十三条第二款，经政府信息公开工作机构负责人同意，您的申请答复期限延长${input.workingDays}个工作日。`,
      },
      {
        kind: 'facts',
        rows: [
          ['受理编号', input.receiptNumber],
          ...(input.previousDue ? [['原答复期限', d(input.previousDue)] as const] : []),
          ['延长工作日数', `${input.workingDays}个工作日`],
          ['新的答复期限', d(input.newDue, input.provisional)],
        ],
      },
      ...(input.reason ? [{ kind: 'block', title: '延期理由', body: input.reason } as const] : []),
      ...provisionalNote(input.provisional),
      { kind: 'link', label: '查询办理进度', url: statusLink(input.baseUrl, input.receiptNumber) },
    ],
    applicantSignature(input.agencyName),
  );
}

export interface FeeNoticeInput extends ApplicationRef {
  amountYuan: number;
  method: FeeMethod;
  /** Pages counted, when charged by volume. */
  pages?: number;
  /** The last day to pay. */
  payBy: LocalDate;
  /** The last day rests on a year without a holiday notice. */
  provisional?: boolean;
}

/** The fee notice (收费通知, Measures on Information Processing Fees). */
export function feeNotice(input: FeeNoticeInput): EmailContent {
  const subject = `【${input.agencyName}】信息处理费缴费通知（受理编号 ${input.receiptNumber}）`;
  const method =
    input.method === 'by_pages' ? `按量计收${input.pages !== undefined ? `（${input.pages}页）` : ''}` : '按件计收';
  return email(
    subject,
    [
      { kind: 'greeting', to: input.applicantName ?? '申请人' },
      {
        kind: 'paragraph',
        text: '根据《政府信息公开信息处理费管理办法》，您的申请需要缴纳信息处理费。',
      },
      {
        kind: 'facts',
        rows: [
          ['受理编号', input.receiptNumber],
          ['计收方式', method],
          ['应缴金额', formatYuan(input.amountYuan)],
          ['缴费截止日期', d(input.payBy, input.provisional)],
        ],
      },
      ...provisionalNote(input.provisional),
      {
        kind: 'paragraph',
        text: '请自收到本通知次日起20个工作日内缴纳（《政府信息公开信息处理费管理办法》第七条）。自发出收费通知至缴费之日的期间不计算在答复期限内。逾期未缴纳的，视为放弃申请，本机关不再处理该申请。',
      },
      { kind: 'link', label: '查询办理进度', url: statusLink(input.baseUrl, input.receiptNumber) },
    ],
    applicantSignature(input.agencyName),
  );
}

export interface ReplyNoticeInput extends ApplicationRef {
  outcome: OutcomeCode;
  repliedOn: LocalDate;
  summary: string;
  /** The 答复书 is attached to this email (the case file issued it). */
  letterAttached?: boolean;
  /** Names of the files provided to the applicant: attached to this email, and those left to the status page. */
  files?: { attached: readonly string[]; onStatusPage: readonly string[] };
}

/** Where the reply's letter and the files provided are: this email's attachments and the status page. */
function replyFilesParagraphs(input: ReplyNoticeInput): { kind: 'paragraph'; text: string }[] {
  const attached = input.files?.attached ?? [];
  const onStatusPage = input.files?.onStatusPage ?? [];
  const lines: string[] = [];
  if (input.letterAttached) lines.push('《政府信息公开申请答复书》见本邮件附件。');
  if (attached.length) lines.push(`本机关向您提供的信息见本邮件附件：${attached.join('、')}。`);
  if (onStatusPage.length) lines.push(`以下文件较大，未随本邮件发送，请在查询页面下载：${onStatusPage.join('、')}。`);
  if (input.letterAttached || attached.length || onStatusPage.length)
    lines.push('凭受理编号和查询码，也可在查询页面查看答复书并下载本机关提供的全部文件。');
  return lines.map((text) => ({ kind: 'paragraph', text }));
}

/** The reply (答复, Art. 36–39) with its outcome. */
export function replyNotice(input: ReplyNoticeInput): EmailContent {
  const subject = `【${input.agencyName}】政府信息公开申请答复（受理编号 ${input.receiptNumber}）`;
  return email(
    subject,
    [
      { kind: 'greeting', to: input.applicantName ?? '申请人' },
      { kind: 'paragraph', text: `${input.agencyName}已对您的政府信息公开申请作出答复。` },
      {
        kind: 'facts',
        rows: [
          ['受理编号', input.receiptNumber],
          ['答复结果', OUTCOME_LABELS[input.outcome]],
          ['答复日期', d(input.repliedOn)],
        ],
      },
      { kind: 'block', title: '答复内容', body: input.summary },
      ...replyFilesParagraphs(input),
      {
        kind: 'paragraph',
        text: '如对本答复不服，可以依法申请行政复议或者提起行政诉讼（《中华人民共和国政府信息公开条例》第五十一条）。',
      },
      { kind: 'link', label: '查看办理结果', url: statusLink(input.baseUrl, input.receiptNumber) },
    ],
    applicantSignature(input.agencyName),
  );
}

export interface AutoClosedNoticeInput extends ApplicationRef {
  outcome: AutomaticOutcome;
  closedOn: LocalDate;
  /** The lapsed deadline (supplement or payment). */
  lapsedOn?: LocalDate;
}

const AUTO_CLOSE_REASONS: Record<AutomaticOutcome, { why: string; basis: string }> = {
  'other.supplement_overdue': {
    why: '您未在补正期限内补正申请，且无正当理由',
    basis: '《中华人民共和国政府信息公开条例》第三十条',
  },
  'other.fee_unpaid': {
    why: '您未在收费通知规定的期限内缴纳信息处理费',
    basis: '《政府信息公开信息处理费管理办法》',
  },
};

/** The case closed because the applicant let a period lapse (Art. 30; Fee Measures). */
export function autoClosedNotice(input: AutoClosedNoticeInput): EmailContent {
  const reason = AUTO_CLOSE_REASONS[input.outcome];
  const subject = `【${input.agencyName}】您的政府信息公开申请已终止处理（受理编号 ${input.receiptNumber}）`;
  return email(
    subject,
    [
      { kind: 'greeting', to: input.applicantName ?? '申请人' },
      {
        kind: 'paragraph',
        text: `${reason.why}。根据${reason.basis}，视为放弃申请，本机关不再处理该政府信息公开申请。`,
      },
      {
        kind: 'facts',
        rows: [
          ['受理编号', input.receiptNumber],
          ...(input.lapsedOn ? [['期限届满日期', d(input.lapsedOn)] as const] : []),
          ['终止处理日期', d(input.closedOn)],
          ['处理结果', OUTCOME_LABELS[input.outcome]],
        ],
      },
      { kind: 'paragraph', text: '如仍需获取该信息，您可以重新提出申请。' },
      { kind: 'link', label: '查询办理进度', url: statusLink(input.baseUrl, input.receiptNumber) },
    ],
    applicantSignature(input.agencyName),
  );
}

export interface SupplementReminderInput extends ApplicationRef {
  /** The last day to supplement. */
  dueOn: LocalDate;
}

/** To the applicant: the supplement period (Art. 30) is running out. */
export function supplementReminder(input: SupplementReminderInput): EmailContent {
  const subject = `【${input.agencyName}】补正期限即将届满（受理编号 ${input.receiptNumber}）`;
  return email(
    subject,
    [
      { kind: 'greeting', to: input.applicantName ?? '申请人' },
      {
        kind: 'paragraph',
        text: '本机关此前已告知您补正政府信息公开申请，目前尚未收到您的补正。',
      },
      {
        kind: 'facts',
        rows: [
          ['受理编号', input.receiptNumber],
          ['补正截止日期', d(input.dueOn)],
        ],
      },
      {
        kind: 'paragraph',
        text: '无正当理由逾期不补正的，视为放弃申请，本机关不再处理该申请（《中华人民共和国政府信息公开条例》第三十条）。',
      },
      { kind: 'link', label: '在线补正（需输入查询码）', url: statusLink(input.baseUrl, input.receiptNumber) },
    ],
    applicantSignature(input.agencyName),
  );
}

// ---------------------------------------------------------------------------------------------
// To the OGI office
// ---------------------------------------------------------------------------------------------

/** Common facts of every office email about one case. */
export interface CaseRef {
  agencyName: string;
  receiptNumber: string;
  caseId: string;
  baseUrl: string;
}

export interface NewApplicationNoticeInput extends CaseRef {
  receivedOn: LocalDate;
  /** Art. 30: the last day for the single notice to supplement (7 working days). */
  supplementNoticeDue: LocalDate;
  replyDue: LocalDate;
  /** The channel's label, e.g. 互联网. */
  channelLabel?: string;
}

/** To the office: a new application arrived. */
export function newApplicationNotice(input: NewApplicationNoticeInput): EmailContent {
  const subject = `新的政府信息公开申请：${input.receiptNumber}（${input.agencyName}）`;
  return email(
    subject,
    [
      { kind: 'paragraph', text: `${input.agencyName}收到一件新的政府信息公开申请，请及时办理。` },
      {
        kind: 'facts',
        rows: [
          ['受理编号', input.receiptNumber],
          ['受理机关', input.agencyName],
          ...(input.channelLabel ? [['申请方式', input.channelLabel] as const] : []),
          ['收到申请日期', d(input.receivedOn)],
          ['补正告知期限（条例第三十条，7个工作日）', d(input.supplementNoticeDue)],
          ['答复期限（条例第三十三条，20个工作日）', d(input.replyDue)],
        ],
      },
      { kind: 'link', label: '打开案件', url: caseLink(input.baseUrl, input.caseId) },
    ],
    officeSignature,
  );
}

export interface ExtensionRequestInput extends CaseRef {
  workingDays: number;
  reason: string;
  replyDue: LocalDate;
}

/** To the head of the OGI office: an officer asks to extend the reply period (Art. 33 ¶2), with the link to decide. */
export function extensionRequestNotice(input: ExtensionRequestInput): EmailContent {
  return email(
    `延期答复待批准：${input.receiptNumber}（${input.agencyName}）`,
    [
      {
        kind: 'paragraph',
        text: `承办人申请延长答复期限，请在答复期限届满前审批（条例第三十三条第二款）。`,
      },
      {
        kind: 'facts',
        rows: [
          ['受理编号', input.receiptNumber],
          ['申请延长', `${input.workingDays}个工作日`],
          ['现答复期限', d(input.replyDue)],
        ],
      },
      { kind: 'block', title: '延期理由', body: input.reason },
      { kind: 'link', label: '打开案件审批', url: caseLink(input.baseUrl, input.caseId) },
    ],
    officeSignature,
  );
}

export type ReminderKind = 'five_days' | 'one_day' | 'due_today';
const REMINDER_WORDS: Record<ReminderKind, string> = {
  five_days: '距答复期限还有5个工作日',
  one_day: '距答复期限还有1个工作日',
  due_today: '今天是答复期限的最后一天',
};

export interface OfficeReminderInput extends CaseRef {
  kind: ReminderKind;
  replyDue: LocalDate;
}

/** To the office: a reply deadline is near (5 working days, 1 working day, due today). */
export function officeReminder(input: OfficeReminderInput): EmailContent {
  const words = REMINDER_WORDS[input.kind];
  const subject = `答复期限提醒：${input.receiptNumber}${words}`;
  return email(
    subject,
    [
      { kind: 'paragraph', text: `${words}，请及时答复。` },
      {
        kind: 'facts',
        rows: [
          ['受理编号', input.receiptNumber],
          ['受理机关', input.agencyName],
          ['答复期限', d(input.replyDue)],
        ],
      },
      { kind: 'link', label: '打开案件', url: caseLink(input.baseUrl, input.caseId) },
    ],
    officeSignature,
  );
}

export interface OverdueEscalationInput extends CaseRef {
  replyDue: LocalDate;
  overdueWorkingDays: number;
}

/** To the head of the OGI office: a reply is overdue. */
export function overdueEscalation(input: OverdueEscalationInput): EmailContent {
  const subject = `逾期未答复：${input.receiptNumber}已超过答复期限${input.overdueWorkingDays}个工作日`;
  return email(
    subject,
    [
      {
        kind: 'paragraph',
        text: `以下政府信息公开申请已超过法定答复期限（《中华人民共和国政府信息公开条例》第三十三条），请督促办理。`,
      },
      {
        kind: 'facts',
        rows: [
          ['受理编号', input.receiptNumber],
          ['受理机关', input.agencyName],
          ['答复期限', d(input.replyDue)],
          ['已逾期', `${input.overdueWorkingDays}个工作日`],
        ],
      },
      { kind: 'link', label: '打开案件', url: caseLink(input.baseUrl, input.caseId) },
    ],
    officeSignature,
  );
}

export interface ConsultationDueInput extends CaseRef {
  /** The consulted third parties or agencies whose opinion is due. */
  parties: readonly string[];
  /** The day the opinion was due (15 working days, Art. 32 / Art. 34). */
  dueOn: LocalDate;
}

/**
 * To the office, on the last day of a consultation's opinion period (Art. 32, 34: 15 working days): it ends today.
 * Without an opinion by then, the pause ends with the period by law (Art. 34: another agency's silence is consent;
 * Art. 32: a third party's silence leaves the decision to the agency) and the reply clock runs again (Art. 33 ¶3).
 */
export function consultationDue(input: ConsultationDueInput): EmailContent {
  const parties = input.parties.join('、');
  const subject = `征求意见期限今日届满：${input.receiptNumber}（${parties}）`;
  return email(
    subject,
    [
      {
        kind: 'paragraph',
        text: '以下案件征求意见的期限今日届满（《中华人民共和国政府信息公开条例》第三十二条、第三十四条，15个工作日）。今日仍未收到意见的，征求意见依法结束（第三十四条逾期未答复视为同意；第三十二条第三方逾期未提出意见的，由本机关依法决定），答复期限自明日起恢复计算（第三十三条第三款）。收到意见的，请登记征求意见结束。',
      },
      {
        kind: 'facts',
        rows: [
          ['受理编号', input.receiptNumber],
          ['受理机关', input.agencyName],
          ['征求意见对象', parties],
          ['意见期限', d(input.dueOn)],
        ],
      },
      { kind: 'link', label: '打开案件', url: caseLink(input.baseUrl, input.caseId) },
    ],
    officeSignature,
  );
}

export interface OfficeDigestInput {
  agencyName: string;
  baseUrl: string;
  digest: OfficeDigest;
}

const DUE_WORDS: Record<0 | 1 | 5, string> = { 0: '今日到期', 1: '明日到期（还有1个工作日）', 5: '还有5个工作日到期' };
const ARRIVAL_WORDS: Record<ArrivalEntry['kind'], string> = {
  supplement: '收到补正',
  consultation_opinion: '收到征求意见的答复',
  consultation_silence: '征求意见期限届满未答复（征求意见依法结束）',
};
const mark = (provisional: boolean) => (provisional ? PROVISIONAL_MARK : '');

/**
 * To the OGI office, at most once per working day at 09:00 (design.md §9): the reply deadlines falling due in 5
 * working days, tomorrow and today (Art. 33 ¶2), consultation periods ending today with the parties named (Art. 32,
 * 34), and what arrived since the previous digest; every case named by its receipt number with a link.
 */
export function officeDigest(input: OfficeDigestInput): EmailContent {
  const { digest } = input;
  const count = new Set([...digest.due, ...digest.consultationsEnding, ...digest.arrivals].map((e) => e.caseId)).size;
  const subject = `【${input.agencyName}】${formatChineseDate(digest.date)}办理提醒：${count}件申请`;
  const line = (receiptNumber: string, caseId: string, text: string) =>
    `${receiptNumber}：${text}　${caseLink(input.baseUrl, caseId)}`;
  const parts: Part[] = [{ kind: 'paragraph', text: `${input.agencyName}今日需要关注的政府信息公开申请如下。` }];
  if (digest.due.length > 0) {
    parts.push({ kind: 'paragraph', text: '答复期限（《中华人民共和国政府信息公开条例》第三十三条）：' });
    parts.push({
      kind: 'list',
      items: digest.due.map((e) =>
        line(
          e.receiptNumber,
          e.caseId,
          `${DUE_WORDS[e.workingDaysLeft]}，答复期限${formatChineseDate(e.replyDue)}${mark(e.provisional)}`,
        ),
      ),
    });
  }
  if (digest.consultationsEnding.length > 0) {
    parts.push({
      kind: 'paragraph',
      text: '征求意见期限今日届满（第三十二条、第三十四条）；今日仍未收到意见的，征求意见依法结束，答复期限自明日起恢复计算（第三十三条第三款）：',
    });
    parts.push({
      kind: 'list',
      items: digest.consultationsEnding.map((e) =>
        line(e.receiptNumber, e.caseId, `征求${e.parties.join('、')}意见，今日届满`),
      ),
    });
  }
  if (digest.arrivals.length > 0) {
    parts.push({ kind: 'paragraph', text: '自上一份提醒以来收到：' });
    parts.push({
      kind: 'list',
      items: digest.arrivals.map((e) =>
        line(
          e.receiptNumber,
          e.caseId,
          `${ARRIVAL_WORDS[e.kind]}${e.party ? `（${e.party}）` : ''}${e.byApplicant ? '（申请人在线补正）' : ''}，${formatChineseDate(e.on)}`,
        ),
      ),
    });
  }
  parts.push(...provisionalNote(digest.due.some((e) => e.provisional)));
  return email(subject, parts, officeSignature);
}

export interface HeadDigestInput {
  agencyName: string;
  baseUrl: string;
  digest: HeadDigest;
}

/**
 * To the head of the OGI office, at most once per working day at 09:00 (design.md §9): every overdue case with its
 * reply deadline and the working days it is overdue (Art. 33 ¶2), each named by its receipt number with a link.
 */
export function headDigest(input: HeadDigestInput): EmailContent {
  const { digest } = input;
  const subject = `【${input.agencyName}】逾期未答复：${digest.overdue.length}件（${formatChineseDate(digest.date)}）`;
  return email(
    subject,
    [
      {
        kind: 'paragraph',
        text: `以下政府信息公开申请已超过法定答复期限（《中华人民共和国政府信息公开条例》第三十三条），请督促办理。`,
      },
      {
        kind: 'list',
        items: digest.overdue.map(
          (e) =>
            `${e.receiptNumber}：答复期限${formatChineseDate(e.replyDue)}${mark(e.provisional)}，已逾期${e.overdueWorkingDays}个工作日　${caseLink(input.baseUrl, e.caseId)}`,
        ),
      },
      ...provisionalNote(digest.overdue.some((e) => e.provisional)),
    ],
    officeSignature,
  );
}

export interface ReportReadyInput {
  agencyName: string;
  agencyId: string;
  year: number;
  baseUrl: string;
}

/** To the office: the annual report draft (年度报告) is ready for review (Art. 49–50). */
export function reportReady(input: ReportReadyInput): EmailContent {
  const subject = `${input.agencyName}${input.year}年政府信息公开工作年度报告草稿已生成`;
  return email(
    subject,
    [
      {
        kind: 'paragraph',
        text: `${input.agencyName}${input.year}年政府信息公开工作年度报告草稿已根据本年度案件数据生成，请核对并补充文字部分后发布。`,
      },
      {
        kind: 'facts',
        rows: [
          ['机关', input.agencyName],
          ['报告年度', `${input.year}年`],
        ],
      },
      { kind: 'link', label: '查看年度报告', url: reportLink(input.baseUrl, input.agencyId, input.year) },
    ],
    officeSignature,
  );
}

/** Any template with its input, for callers that pick the template from data (the timeline). */
export type TemplateRequest =
  | { template: 'acknowledgement'; input: AcknowledgementInput }
  | { template: 'supplementNotice'; input: SupplementNoticeInput }
  | { template: 'extensionNotice'; input: ExtensionNoticeInput }
  | { template: 'feeNotice'; input: FeeNoticeInput }
  | { template: 'replyNotice'; input: ReplyNoticeInput }
  | { template: 'autoClosedNotice'; input: AutoClosedNoticeInput }
  | { template: 'supplementReminder'; input: SupplementReminderInput }
  | { template: 'newApplicationNotice'; input: NewApplicationNoticeInput }
  | { template: 'officeReminder'; input: OfficeReminderInput }
  | { template: 'overdueEscalation'; input: OverdueEscalationInput }
  | { template: 'consultationDue'; input: ConsultationDueInput }
  | { template: 'reportReady'; input: ReportReadyInput };

/** Renders a {@link TemplateRequest}. */
export function renderTemplate(request: TemplateRequest): EmailContent {
  switch (request.template) {
    case 'acknowledgement':
      return acknowledgement(request.input);
    case 'supplementNotice':
      return supplementNotice(request.input);
    case 'extensionNotice':
      return extensionNotice(request.input);
    case 'feeNotice':
      return feeNotice(request.input);
    case 'replyNotice':
      return replyNotice(request.input);
    case 'autoClosedNotice':
      return autoClosedNotice(request.input);
    case 'supplementReminder':
      return supplementReminder(request.input);
    case 'consultationDue':
      return consultationDue(request.input);
    case 'newApplicationNotice':
      return newApplicationNotice(request.input);
    case 'officeReminder':
      return officeReminder(request.input);
    case 'overdueEscalation':
      return overdueEscalation(request.input);
    case 'reportReady':
      return reportReady(request.input);
  }
}
