/**
 * The ledger (依申请公开台账, design.md §9 "The desk"): one row per case of a year, with the columns supervisors
 * ask for. Pure: the caller passes each case's events and its statutory clock.
 */
import type { CaseClock } from './clock';
import type { ConsultationOpinion } from './model';
import {
  APPLICANT_TYPE_LABELS,
  CHANNEL_LABELS,
  extensionApproverName,
  OUTCOME_LABELS,
  type ApplicantType,
  type CaseEvent,
  type Channel,
  type LocalDate,
} from './model';

/** The ledger's columns, in the order of design.md §9. */
export const LEDGER_COLUMNS = [
  '受理编号',
  '收到日期',
  '申请方式',
  '申请人类别',
  '申请人',
  '申请内容',
  '状态',
  '答复期限',
  '答复日期',
  '答复结果',
  '是否按期',
  '补正',
  '延期',
  '征求意见',
  '收费',
] as const;

export interface LedgerCase {
  receiptNumber: string;
  receivedOn: LocalDate;
  channel: Channel;
  applicantType: ApplicantType;
  applicantName: string;
  description: string;
  events: readonly CaseEvent[];
}

const STATUS_WORDS: Record<CaseClock['status'], string> = {
  awaiting_reply: '办理中',
  awaiting_supplement: '待补正',
  in_consultation: '征求意见中',
  awaiting_fee: '待缴费',
  closed: '已办结',
};

const OPINION_WORDS: Record<ConsultationOpinion, string> = {
  agreed: '同意',
  disagreed: '不同意',
  no_reply: '逾期未答复',
};

/**
 * One ledger row: the case's facts, its reply due date and reply, the outcome as the row of section 三 of the
 * annual report, whether it was answered in time (Art. 33), and what happened on the way (补正 Art. 30, 延期
 * Art. 33 ¶2, 征求意见 Art. 32/34, 收费 Fee Measures), as text a supervisor reads.
 *
 * @example ledgerRow({ receiptNumber: 'NDZ-2024-000001', receivedOn: '2024-09-27', channel: 'online', applicantType: 'natural_person', applicantName: '张三', description: '…', events }, clock)[10] // => '是'
 */
export function ledgerRow(c: LedgerCase, clock: CaseClock): string[] {
  const due = clock.replyDue?.due ?? '';
  const closedOn = clock.closedOn ?? '';
  const onTime = clock.closedOn
    ? due && closedOn > due
      ? '否'
      : '是'
    : clock.overdue
      ? '否（已逾期，未答复）'
      : '办理中';
  const supplement = c.events.find((e) => e.type === 'supplement_requested');
  const supplied = c.events.find((e) => e.type === 'supplement_received');
  const extension = c.events.find((e) => e.type === 'extended');
  const fee = c.events.find((e) => e.type === 'fee_notice_sent');
  const paid = c.events.find((e) => e.type === 'fee_paid');
  const ended = new Map(
    c.events.flatMap((e) => (e.type === 'consultation_ended' ? [[e.consultationId, e] as const] : [])),
  );
  const consultations = c.events.flatMap((e) => {
    if (e.type !== 'consultation_started') return [];
    const end = ended.get(e.consultationId);
    const opinion = end?.opinion ? `，${OPINION_WORDS[end.opinion]}` : '';
    return [`${e.name}（${e.on}发出，${end ? `${end.on}结束${opinion}` : '进行中'}）`];
  });
  return [
    c.receiptNumber,
    c.receivedOn,
    CHANNEL_LABELS[c.channel],
    APPLICANT_TYPE_LABELS[c.applicantType],
    c.applicantName,
    c.description,
    STATUS_WORDS[clock.status],
    due,
    closedOn,
    clock.outcome ? OUTCOME_LABELS[clock.outcome] : '',
    onTime,
    supplement?.type === 'supplement_requested'
      ? `${supplement.on}告知补正；${supplied ? `${supplied.on}补正` : '未补正'}`
      : '无',
    extension?.type === 'extended'
      ? `延长${extension.workingDays}个工作日（${extension.on}，${extensionApproverName(extension) ?? '负责人在线审批'}批准${extension.reason ? `；理由：${extension.reason}` : ''}）`
      : '无',
    consultations.length ? consultations.join('；') : '无',
    fee?.type === 'fee_notice_sent' ? `${fee.amountYuan}元（${paid ? `${paid.on}缴费` : '未缴费'}）` : '无',
  ];
}

/** The 状态 of a receipt number that never became a case (作废). */
export const LEDGER_VOID_STATUS = '作废';

/** A receipt number drawn for the year and recorded void, as the ledger lists it. */
export interface LedgerVoid {
  receiptNumber: string;
  /** Why the number never became a case, in words (receipt-ledger.ts `VOID_REASON_LABELS`). */
  reason: string;
  /** The day the void was recorded. */
  recordedOn: LocalDate;
}

/** The columns of the ledger's list of void numbers (the XLSX sheet 作废编号). */
export const LEDGER_VOID_COLUMNS = ['受理编号', '作废原因', '记录日期'] as const;

/**
 * The ledger row of a void receipt number: its number, 状态 作废 and the reason in 申请内容, every other column
 * empty, so the register shows every number drawn in the year with no gap (Art. 31: the receipt of every
 * application is recorded; a number that never became a case says why).
 *
 * @example ledgerVoidRow({ receiptNumber: 'NDZ-2024-000007', reason: '取号后受理请求中断，未生成案件', recordedOn: '2024-10-23' })[6] // => '作废'
 */
export function ledgerVoidRow(v: LedgerVoid): string[] {
  const row: string[] = LEDGER_COLUMNS.map(() => '');
  row[0] = v.receiptNumber;
  row[5] = `本编号作废：${v.reason}（${v.recordedOn}记录）`;
  row[6] = LEDGER_VOID_STATUS;
  return row;
}

/** The sequence of a receipt number (`NDZ-2024-000945` → 945); a number without one sorts last. */
const sequenceOf = (receiptNumber: string): number => {
  const match = /(\d+)$/.exec(receiptNumber);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
};

/**
 * The ledger's rows in receipt-number order, the cases' rows and the void numbers' rows together (the first
 * column of each row is its receipt number); rows of the same number keep their order.
 *
 * @example inReceiptOrder([['NDZ-2024-000002'], ['NDZ-2024-000001']]).map((r) => r[0]) // => ['NDZ-2024-000001', 'NDZ-2024-000002']
 */
export function inReceiptOrder<Row extends readonly string[]>(rows: readonly Row[]): Row[] {
  return rows
    .map((row, index) => ({ row, index, sequence: sequenceOf(row[0] ?? '') }))
    .sort((a, b) => a.sequence - b.sequence || a.index - b.index)
    .map(({ row }) => row);
}
