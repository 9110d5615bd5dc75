/**
 * Writing a case's statutory documents (design.md §9): a case and its agency as the templates see them, the
 * content of the document an event causes, and its printable HTML. Loaded by `documents.ts` with `import()`
 * where a document is written or shown (issue 17): the letter templates, the reply decisions and the renderer
 * are not read at a cold start.
 */
import { currentCalendar } from '../case-workflow';
import { shanghaiDateOf } from '../domain/local-date';
import { composeDocument } from '../domain/documents/templates';
import type { LetterAgency, LetterCase, OfficialDocument } from '../domain/documents/types';
import type { Agency } from '../store/agency-repository';
import type { CaseRecord } from '../store/case-repository';
import { letterPrefixOf } from './documents';

export { renderDocumentHtml } from '../domain/documents/render-html';

const letterCase = (record: CaseRecord): LetterCase => ({
  receiptNumber: record.receiptNumber,
  applicantName: record.applicant.name,
  description: record.information.description,
  documentNumber: record.information.documentNumber,
  delivery: record.delivery,
});
const letterAgency = (agency: Agency): LetterAgency => ({
  name: agency.name,
  letterPrefix: letterPrefixOf(agency),
  reviewOrgan: agency.reviewOrgan,
  court: agency.court,
  address: agency.address,
  phone: agency.phone,
});

/** The content of the document caused by the event `eventSeq` of `record`, with `number`. */
export function documentContent(
  record: CaseRecord,
  agency: Agency,
  eventSeq: number,
  number: string,
  handover?: { trackingCode: string; statusUrl: string },
): OfficialDocument {
  const upTo = record.events.filter((e) => e.seq <= eventSeq);
  const recorded = upTo.at(-1)?.at;
  return composeDocument({
    number,
    agency: letterAgency(agency),
    case: letterCase(record),
    events: upTo.map((e) => e.event),
    calendar: currentCalendar(),
    ...(handover ? { handover } : {}),
    ...(recorded ? { recordedOn: shanghaiDateOf(recorded) } : {}),
  });
}
