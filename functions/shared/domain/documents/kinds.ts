/**
 * Which statutory document (文书) an event calls for, its title and the day it is dated (design.md §9): the small
 * decisions a request makes about documents without writing one. The letters themselves are in `templates.ts`,
 * read only where a document is written (issue 17: a cold start reads no template).
 */
import type { CaseEvent, LocalDate } from '../model';
import type { DocumentKind } from './types';

/**
 * The document an event calls for, if any (design.md §9 table).
 * @example documentKindFor({ type: 'supplement_requested', on: '2024-10-08', items: '文号', periodWorkingDays: 10 }) // => 'supplement_notice'
 */
export function documentKindFor(event: CaseEvent): DocumentKind | undefined {
  switch (event.type) {
    case 'received':
      return 'receipt';
    case 'supplement_requested':
      return 'supplement_notice';
    case 'extended':
      return 'extension_notice';
    case 'consultation_started':
      return 'consultation_letter';
    case 'fee_notice_sent':
      return 'fee_notice';
    case 'replied':
      return 'reply';
    case 'closed_automatically':
      return 'termination_notice';
    default:
      return undefined;
  }
}

/** Titles (文种) of the seven kinds. The receipt of an online application is a 受理回执, of a registered one a 登记回执. */
export const DOCUMENT_TITLES: Readonly<Record<DocumentKind, string>> = {
  receipt: '政府信息公开申请受理回执',
  supplement_notice: '政府信息公开申请补正告知书',
  extension_notice: '政府信息公开申请延期答复告知书',
  consultation_letter: '政府信息公开征求意见函',
  fee_notice: '政府信息公开信息处理费收费通知书',
  reply: '政府信息公开申请答复书',
  termination_notice: '政府信息公开申请终止处理告知书',
};

export const REGISTRATION_RECEIPT_TITLE = '政府信息公开申请登记回执';

/**
 * The day a document is dated: the day of the event that causes it; but a receipt (登记回执) is written when staff
 * register the application, which may be days after it arrived by post. It is dated that day, and still states
 * the day received, which Art. 31 makes the day the application counts from.
 *
 * @example documentIssuedOn({ type: 'received', on: '2026-12-04', channel: 'post' }, '2026-12-07') // => '2026-12-07'
 */
export function documentIssuedOn(event: CaseEvent, recordedOn?: LocalDate): LocalDate {
  return event.type === 'received' && recordedOn !== undefined && recordedOn > event.on ? recordedOn : event.on;
}
