import { searchWords, wordsInName } from '../domain/desk';
import type { LocalDate } from '../domain/model';
import { urgencyOf } from '../case-service';
import { receiptNumberCandidates } from '../receipt-ledger';
import { searchHash, type SearchField } from '../search-hash';
import {
  InvalidCursorError,
  type CaseRepository,
  type ListRow,
  type OpenListFilter,
  type Page,
} from '../store/case-repository';

/**
 * The work list of the desk (design.md §9 "Paging", "Search"): one page of an agency's cases, filtered by
 * the indexes, soonest deadline first; or the cases a search text finds, exact matches of a number or name
 * first, then the cases whose description contains its words.
 */

/**
 * How a search found a case: exactly (its receipt number, or the applicant's ID number, phone or whole name through
 * the keyed hashes), by words of an organisation's name (`organisation_name`), or by words of the description.
 */
export type SearchMatch = 'receipt_number' | 'id_number' | 'phone' | 'name' | 'organisation_name' | 'description';

export type WorkListRow = ListRow & {
  urgency: 'overdue' | 'due_soon' | 'normal';
  workingDaysLeft?: number;
  match?: SearchMatch;
};

export interface WorkListQuery {
  agencyId: string;
  status?: string | undefined;
  overdue?: boolean | undefined;
  assignee?: string | undefined;
  dueBefore?: LocalDate | undefined;
  q?: string | undefined;
  /** The agency's receipt prefix: a search for `12` or `2024-12` then finds `NDZ-2024-000012`. */
  receiptPrefix?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

const withUrgency = (row: ListRow, today: LocalDate): WorkListRow =>
  row.closedOn ? { ...row, urgency: 'normal' } : { ...row, ...urgencyOf(row.replyDue, today) };

/** One page of the work list. */
export async function workListPage(
  cases: CaseRepository,
  query: WorkListQuery,
  today: LocalDate,
): Promise<{ cases: WorkListRow[]; nextCursor?: string }> {
  const page: Page<ListRow & { match?: SearchMatch }> = query.q
    ? await searchPage(cases, query.agencyId, query.q, query, today)
    : query.status === 'closed'
      ? await cases.listClosedPage(query.agencyId, query)
      : await cases.listOpenPage(query.agencyId, openFilter(query, today), query);
  return {
    cases: page.rows.map((row) => ({ ...withUrgency(row, today), ...(row.match ? { match: row.match } : {}) })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

function openFilter(query: WorkListQuery, today: LocalDate): OpenListFilter {
  const overdue = query.overdue || query.status === 'overdue';
  const status = query.status === 'open' || query.status === 'overdue' ? undefined : query.status;
  return {
    ...(status ? { status } : {}),
    ...(query.assignee ? { assignee: query.assignee } : {}),
    ...(query.dueBefore ? { dueBefore: query.dueBefore } : {}),
    ...(overdue ? { overdueOn: today } : {}),
  };
}

/** The search cursor: `d.` followed by the description page's cursor (empty: its first page). */
const DESCRIPTION_CURSOR = 'd.';

/**
 * The cases a search text finds: on the first page the exact matches (its receipt number, also as officers
 * shorten it: `receiptNumberCandidates`; an applicant
 * whose ID number, phone or name is exactly the text, through the keyed hashes), then the cases whose
 * description or organisation's name contains every word of it, latest received first, paged.
 */
async function searchPage(
  cases: CaseRepository,
  agencyId: string,
  q: string,
  page: { limit: number; cursor?: string | undefined; receiptPrefix?: string | undefined },
  today: LocalDate,
): Promise<Page<ListRow & { match: SearchMatch }>> {
  const exact: (ListRow & { match: SearchMatch })[] = [];
  let descriptionCursor: string | undefined;
  if (page.cursor === undefined) {
    const numbers = page.receiptPrefix
      ? receiptNumberCandidates(q, page.receiptPrefix, Number(today.slice(0, 4)))
      : [q.trim().toUpperCase()];
    const byReceipt = (
      await Promise.all(numbers.map((number) => cases.listRowByReceiptNumber(agencyId, number)))
    ).filter((row) => row !== undefined);
    const fields: [SearchField, SearchMatch][] = [
      ['idNumber', 'id_number'],
      ['phone', 'phone'],
      ['name', 'name'],
    ];
    const byHash = await Promise.all(
      fields.map(async ([field, match]) =>
        (await cases.findByApplicantHash(agencyId, field, searchHash(agencyId, field, q))).map(
          ({ description: _d, documentNumber: _n, ...row }) => ({ ...row, match }),
        ),
      ),
    );
    const seen = new Set<string>();
    for (const row of [...byReceipt.map((row) => ({ ...row, match: 'receipt_number' as const })), ...byHash.flat()])
      if (!seen.has(row.caseId)) {
        seen.add(row.caseId);
        exact.push(row);
      }
  } else {
    if (!page.cursor.startsWith(DESCRIPTION_CURSOR)) throw new InvalidCursorError();
    descriptionCursor = page.cursor.slice(DESCRIPTION_CURSOR.length) || undefined;
  }
  const words = searchWords(q);
  const room = page.limit - exact.length;
  if (room <= 0 || words.length === 0) {
    const rows = exact.slice(0, page.limit);
    return words.length && room <= 0 ? { rows, nextCursor: DESCRIPTION_CURSOR } : { rows };
  }
  const described = await cases.searchDescriptionPage(agencyId, words, { limit: room, cursor: descriptionCursor });
  const exactIds = new Set(exact.map((row) => row.caseId));
  return {
    rows: [
      ...exact,
      ...described.rows
        .filter((row) => !exactIds.has(row.caseId))
        .map((row) => ({
          ...row,
          match:
            row.applicantType !== 'natural_person' && wordsInName(words, row.maskedName)
              ? ('organisation_name' as const)
              : ('description' as const),
        })),
    ],
    ...(described.nextCursor ? { nextCursor: `${DESCRIPTION_CURSOR}${described.nextCursor}` } : {}),
  };
}
