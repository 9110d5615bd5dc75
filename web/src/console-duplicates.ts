/**
 * Possible repeat applications (重复申请) on the case page of the staff console (design.md §9 "The desk",
 * issue #14): the earlier applications of the same applicant (same ID number) with a similar description (or the
 * same 文号) in the last 12 months, as `GET /v1/cases/{caseId}` lists them in `possibleDuplicates`, each linked to
 * its case, with what the law says about a repeat application so the officer decides knowingly. Staff only.
 */
import { OUTCOME_LABELS, type OutcomeCode } from '../../functions/shared/domain/model';
import { segment } from './api';
import { caseStatusLabel } from './console-session';
import { formatDate, h } from './dom';

/** One entry of `possibleDuplicates` (functions/shared/domain/desk.ts `PossibleDuplicate`). */
export interface PossibleDuplicateView {
  caseId: string;
  receiptNumber: string;
  receivedOn: string;
  status: string;
  outcome?: string;
  closedOn?: string;
  similarity: number;
  /** Both ask for a document by the same 文号. */
  sameDocumentNumber?: boolean;
}

const DUPLICATE_OUTCOME: OutcomeCode = 'not_processed.duplicate';
/** Outcomes of a case closed because the applicant let a period lapse (no reply on the substance). */
const LAPSED: readonly string[] = ['other.supplement_overdue', 'other.fee_unpaid'];

/** Opens the reply form on this page with 重复申请 chosen, if the case allows a reply. */
function chooseDuplicateReply(): void {
  const details = document.querySelector<HTMLDetailsElement>('details[data-action="reply"]');
  const outcome = details?.querySelector<HTMLSelectElement>('select[name="outcome"], #action-reply-outcome');
  if (!details || !outcome) return;
  details.open = true;
  outcome.value = DUPLICATE_OUTCOME;
  outcome.dispatchEvent(new Event('change', { bubbles: true }));
  outcome.focus();
}

/** The panel of possible repeat applications, or nothing when there is none. */
export function duplicatesPanel(
  duplicates: readonly PossibleDuplicateView[] | undefined,
  allowedActions: readonly string[] | undefined,
): HTMLElement | null {
  if (!duplicates?.length) return null;
  const rows = duplicates.map((d) =>
    h(
      'tr',
      { 'data-case-id': d.caseId },
      h('th', { scope: 'row' }, h('a', { href: `#/cases/${segment(d.caseId)}` }, d.receiptNumber)),
      h('td', {}, formatDate(d.receivedOn, false)),
      h('td', {}, caseStatusLabel(d.status)),
      h('td', {}, d.outcome ? (OUTCOME_LABELS[d.outcome as OutcomeCode] ?? d.outcome) : '—'),
      h('td', {}, d.closedOn ? formatDate(d.closedOn, false) : '—'),
      h('td', {}, `${Math.round(d.similarity * 100)}%`, d.sameDocumentNumber ? '（文号相同）' : ''),
    ),
  );
  // Art. 36 (六) presumes a reply: a case closed because a period lapsed was never answered.
  const replied = duplicates.some((d) => d.status === 'closed' && d.outcome && !LAPSED.includes(d.outcome));
  const choose = allowedActions?.includes('reply')
    ? h('button', { type: 'button', class: 'button secondary', id: 'choose-duplicate-reply' }, '答复为“重复申请”')
    : null;
  choose?.addEventListener('click', chooseDuplicateReply);
  return h(
    'section',
    { class: 'panel duplicates', 'aria-labelledby': 'duplicates-title', id: 'possible-duplicates' },
    h('h2', { id: 'duplicates-title' }, `可能的重复申请（${duplicates.length}件）`),
    h('p', {}, '同一申请人（证件号码相同）在本申请前12个月内向本机关提出过内容相似或所需文件文号相同的申请：'),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { id: 'duplicates-table' },
        h('caption', {}, '内容相似的在先申请（文号相同、相似度高者在前）'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['受理编号', '收到日期', '办理状态', '答复结果', '答复日期', '内容相似度'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        h('tbody', {}, ...rows),
      ),
    ),
    h(
      'p',
      { class: 'hint', id: 'duplicate-hint' },
      `行政机关已就申请人提出的政府信息公开申请作出答复、申请人重复申请公开相同政府信息的，告知申请人不予重复处理（条例第三十六条第（六）项），答复结果选“${OUTCOME_LABELS[DUPLICATE_OUTCOME]}”。`,
      replied ? '' : '上列申请均未作出答复，一般不属于重复申请。',
      '请核对申请内容后由承办人判断。',
    ),
    choose ? h('p', { class: 'no-print' }, choose) : null,
  );
}
