/**
 * Issuing a case's statutory documents (design.md §9): for each event that calls for one, draw its number
 * (per agency and year, gapless), write it from the domain template, render Word and HTML, and keep both in the
 * case-files bucket. Idempotent: issuing again finds the documents already there (so a lost write is repaired by
 * the next call), and only the writer that claimed a document draws its number.
 */
import { shanghaiDateOf } from '../domain/local-date';
import type { CaseEvent } from '../domain/model';
import {
  DOCUMENT_TITLES,
  REGISTRATION_RECEIPT_TITLE,
  documentIssuedOn,
  documentKindFor,
} from '../domain/documents/kinds';
import { documentNumber, numberingYear } from '../domain/documents/numbering';
import type { DocumentKind, OfficialDocument } from '../domain/documents/types';
import type { NoticeAttachment } from '../notify/outbox';
import { DOCUMENT_CONTENT_TYPES, documentKey, type CaseFiles } from '../files/case-files';
import { log } from '../log';
import type { Agency } from '../store/agency-repository';
import type { CaseFileRepository, DocumentRecord } from '../store/case-file-repository';
import type { CaseRecord } from '../store/case-repository';

export interface CaseFileDeps {
  files: CaseFileRepository;
  storage: CaseFiles;
}

/** A document's id: its kind and the sequence number of the event that caused it, e.g. `reply-7`. */
export const documentIdFor = (kind: DocumentKind, eventSeq: number): string => `${kind}-${eventSeq}`;

/** The prefix of an agency's letter numbers (its receipt prefix when it has none of its own). */
export const letterPrefixOf = (agency: Pick<Agency, 'letterPrefix' | 'receiptPrefix'>): string =>
  agency.letterPrefix || agency.receiptPrefix;

/**
 * The letter templates, the reply decisions and the HTML rendering: read where a document is written (issue 17),
 * not at a cold start of every function that only asks which document an event calls for.
 */
const writing = () => import('./document-writing');

async function store(deps: CaseFileDeps, caseId: string, documentId: string, doc: OfficialDocument): Promise<void> {
  // Word rendering (docx, the largest dependency) is loaded on first use, not at every cold start (issue 17).
  const [{ renderDocumentDocx }, { renderDocumentHtml }] = await Promise.all([
    import('../files/document-docx'),
    writing(),
  ]);
  const [docx, html] = [await renderDocumentDocx(doc), renderDocumentHtml(doc)];
  await deps.storage.put(documentKey(caseId, documentId, 'docx'), docx, DOCUMENT_CONTENT_TYPES.docx);
  await deps.storage.put(documentKey(caseId, documentId, 'html'), html, DOCUMENT_CONTENT_TYPES.html);
  await deps.files.markReady(caseId, documentId);
}

/** How long a claimed document may stay unnumbered before another writer takes it over (real time). */
export function documentClaimLeaseMs(): number {
  const seconds = Number(process.env.DOCUMENT_CLAIM_LEASE_SECONDS);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 30) * 1000;
}

const claimIsStale = (doc: DocumentRecord): boolean =>
  doc.number === undefined && (doc.claimedAtMs ?? 0) + documentClaimLeaseMs() <= Date.now();

/**
 * Issues every document `record`'s events call for that is not issued yet, and returns the case's documents.
 * `now` stamps the records.
 */
export async function issueDocuments(
  deps: CaseFileDeps,
  record: CaseRecord,
  agency: Agency,
  now: Date,
): Promise<DocumentRecord[]> {
  const existing = new Map((await deps.files.listDocuments(record.caseId)).map((d) => [d.documentId, d]));
  for (const { seq, event, at } of record.events) {
    const kind = documentKindFor(event);
    if (!kind) continue;
    const issuedOn = documentIssuedOn(event, shanghaiDateOf(at));
    const documentId = documentIdFor(kind, seq);
    const found = existing.get(documentId);
    if (found?.ready) continue;
    if (found?.number) {
      // Numbered but its files were not stored (a failure after numbering): render again.
      const { documentContent } = await writing();
      await store(deps, record.caseId, documentId, documentContent(record, agency, seq, found.number));
      continue;
    }
    // Claimed by another writer, which draws its number; unless that writer died before numbering it.
    if (found && !claimIsStale(found)) continue;
    const { documentContent } = await writing();
    const draft = documentContent(record, agency, seq, '');
    const claimed = found
      ? await deps.files.reclaimDocument(found)
      : await deps.files.claimDocument({
          caseId: record.caseId,
          documentId,
          kind,
          eventSeq: seq,
          issuedOn,
          title: draft.title,
          forApplicant: draft.forApplicant,
          createdAt: now.toISOString(),
        });
    if (!claimed) continue;
    if (found) log.warn('document claim taken over', { caseId: record.caseId, documentId });
    const year = numberingYear(issuedOn);
    const sequence = await deps.files.nextLetterSequence(record.agencyId, year);
    const number = documentNumber(letterPrefixOf(agency), year, sequence);
    await deps.files.setNumber(record.caseId, documentId, number);
    await store(deps, record.caseId, documentId, documentContent(record, agency, seq, number));
    log.info('document issued', { caseId: record.caseId, documentId, kind, number });
  }
  return deps.files.listDocuments(record.caseId);
}

/** Like `issueDocuments`, but a failure is logged rather than thrown: the case change it follows is already written. */
export async function issueDocumentsAfterWrite(
  deps: CaseFileDeps | undefined,
  record: CaseRecord,
  agency: Agency,
  now: Date,
): Promise<DocumentRecord[]> {
  if (!deps) return [];
  try {
    return await issueDocuments(deps, record, agency, now);
  } catch (error) {
    log.error('documents not issued', { caseId: record.caseId, error: String(error) });
    return [];
  }
}

/** The printable receipt handed over at registration: the stored receipt's content plus the tracking code. */
export async function registrationReceiptHtml(
  record: CaseRecord,
  agency: Agency,
  receipt: DocumentRecord,
  handover: { trackingCode: string; statusUrl: string },
): Promise<string> {
  const { documentContent, renderDocumentHtml } = await writing();
  return renderDocumentHtml(documentContent(record, agency, receipt.eventSeq, receipt.number ?? '', handover));
}

/**
 * The Word file of the document that event `eventSeq` causes, as an email attachment (read from the bucket when
 * the email goes out), if the event causes one meant for the applicant.
 */
export function documentAttachment(
  deps: CaseFileDeps | undefined,
  record: Pick<CaseRecord, 'caseId' | 'channel'>,
  event: CaseEvent,
  eventSeq: number,
): NoticeAttachment[] {
  const kind = documentKindFor(event);
  if (!deps || !kind || kind === 'consultation_letter') return [];
  const title = kind === 'receipt' && record.channel !== 'online' ? REGISTRATION_RECEIPT_TITLE : DOCUMENT_TITLES[kind];
  return [
    {
      s3Key: documentKey(record.caseId, documentIdFor(kind, eventSeq), 'docx'),
      bucket: deps.storage.bucket,
      fileName: `${title}.docx`,
      contentType: DOCUMENT_CONTENT_TYPES.docx,
    },
  ];
}
