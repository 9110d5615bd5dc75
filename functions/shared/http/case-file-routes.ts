import type { APIGatewayProxyResult } from 'aws-lambda';
import { attachmentDownload, attachmentView, completeUpload, startUpload } from '../case-file/attachments';
import { issueDocuments, type CaseFileDeps } from '../case-file/documents';
import type { AttachmentPurpose } from '../domain/attachments';
import type { ServiceMethod } from '../domain/model';
import { DOCUMENT_CONTENT_TYPES, contentDisposition, documentKey } from '../files/case-files';
import type { Agency } from '../store/agency-repository';
import type { AttachmentRecord, DocumentRecord } from '../store/case-file-repository';
import type { CaseRecord } from '../store/case-repository';
import { caseScope, type NoticeItem, type OutboxRepository } from '../store/outbox-repository';
import { shanghaiDateOf } from '../domain/local-date';
import { HttpError, ValidationFailedError, json, notFound } from './api';

/**
 * The case-file routes of design.md §9, shared by the staff API (`/v1/cases/{caseId}/…`) and the applicant's
 * (`/v1/requests/{receiptNumber}/…?code=`): documents with their service, and attachments. The applicant sees
 * only documents `forApplicant` and attachments they uploaded or that staff marked for them; anything else
 * answers 404 like a wrong code.
 */

export type Audience = 'staff' | 'applicant';

/** One service (送达) of a document: by email (recorded by the system) or recorded by staff. */
export interface ServiceView {
  method: ServiceMethod;
  servedOn: string;
  trackingNumber?: string;
  recordedBy: 'system' | 'staff';
}

/** A document as listed: design.md §9 fields, its service, and its download formats. */
export function documentView(
  doc: DocumentRecord,
  record: CaseRecord,
  audience: Audience,
  notices: readonly NoticeItem[],
) {
  // An email accepted by SES with the document attached is its service by email: the outbox records when.
  const key = documentKey(record.caseId, doc.documentId, 'docx');
  const service: ServiceView[] = [
    ...notices
      .filter((n) => n.state === 'sent' && n.sentAt && n.attachments?.some((a) => a.s3Key === key))
      .map((n) => ({
        method: 'email' as const,
        servedOn: shanghaiDateOf(n.sentAt ?? ''),
        recordedBy: 'system' as const,
      })),
    ...record.events.flatMap(({ event }) =>
      event.type === 'served' && event.documentId === doc.documentId
        ? [
            {
              method: event.method,
              servedOn: event.on,
              ...(event.trackingNumber && audience === 'staff' ? { trackingNumber: event.trackingNumber } : {}),
              recordedBy: 'staff' as const,
            },
          ]
        : [],
    ),
  ];
  return {
    documentId: doc.documentId,
    kind: doc.kind,
    number: doc.number ?? null,
    issuedOn: doc.issuedOn,
    title: doc.title,
    forApplicant: doc.forApplicant,
    formats: ['docx', 'html'],
    service,
  };
}

const visible = (audience: Audience) => (doc: DocumentRecord) =>
  doc.number !== undefined && (audience === 'staff' || doc.forApplicant);
const visibleAttachment = (audience: Audience) => (a: AttachmentRecord) =>
  a.status === 'available' && (audience === 'staff' || a.uploadedBy === 'applicant' || a.forApplicant);

export function makeCaseFileRoutes(
  deps: CaseFileDeps,
  outbox: Pick<OutboxRepository, 'list'>,
  agencyOf: (agencyId: string) => Promise<Agency>,
  now: () => Date,
) {
  /** The case's documents, issuing any that a failed write left out. */
  async function documentsOf(record: CaseRecord): Promise<DocumentRecord[]> {
    return issueDocuments(deps, record, await agencyOf(record.agencyId), now());
  }

  return {
    async listDocuments(record: CaseRecord, audience: Audience): Promise<APIGatewayProxyResult> {
      const docs = (await documentsOf(record)).filter(visible(audience));
      const notices = await outbox.list(caseScope(record.caseId));
      return json(
        200,
        docs.map((d) => documentView(d, record, audience, notices)),
      );
    },

    async getDocument(
      record: CaseRecord,
      documentId: string,
      format: 'docx' | 'html',
      audience: Audience,
    ): Promise<APIGatewayProxyResult> {
      const doc = (await documentsOf(record)).find((d) => d.documentId === documentId);
      if (!doc || !visible(audience)(doc) || !doc.ready) throw notFound('文书不存在');
      const bytes = await deps.storage.get(documentKey(record.caseId, documentId, format));
      if (!bytes) throw notFound('文书不存在');
      const headers = {
        'content-type': DOCUMENT_CONTENT_TYPES[format],
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
        ...(format === 'docx'
          ? { 'content-disposition': contentDisposition(`${doc.title}（${doc.number ?? ''}）.docx`) }
          : { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" }),
      };
      return format === 'docx'
        ? { statusCode: 200, headers, body: bytes.toString('base64'), isBase64Encoded: true }
        : { statusCode: 200, headers, body: bytes.toString('utf8') };
    },

    async announce(
      record: CaseRecord,
      body: {
        fileName: string;
        contentType: string;
        size: number;
        purpose: AttachmentPurpose;
        forApplicant?: boolean | undefined;
      },
      audience: Audience,
    ): Promise<APIGatewayProxyResult> {
      const result = await startUpload(
        deps,
        record,
        {
          fileName: body.fileName,
          contentType: body.contentType,
          size: body.size,
          purpose: body.purpose,
          forApplicant: audience === 'staff' && body.forApplicant === true,
          uploadedBy: audience,
        },
        now(),
      );
      if (!result.ok)
        throw new ValidationFailedError(`${result.refusal.message}（共1处）`, [
          { path: result.refusal.field, message: result.refusal.message },
        ]);
      return json(201, result.ticket);
    },

    async listAttachments(record: CaseRecord, audience: Audience): Promise<APIGatewayProxyResult> {
      const list = (await deps.files.listAttachments(record.caseId)).filter(visibleAttachment(audience));
      return json(200, list.map(attachmentView));
    },

    async download(record: CaseRecord, attachmentId: string, audience: Audience): Promise<APIGatewayProxyResult> {
      const attachment = await deps.files.getAttachment(record.caseId, attachmentId);
      if (!attachment || !visibleAttachment(audience)(attachment)) throw notFound('附件不存在');
      return json(200, { ...attachmentView(attachment), ...(await attachmentDownload(deps, attachment, now())) });
    },

    async complete(record: CaseRecord, attachmentId: string, audience: Audience): Promise<APIGatewayProxyResult> {
      const attachment = await deps.files.getAttachment(record.caseId, attachmentId);
      if (!attachment || (audience === 'applicant' && attachment.uploadedBy !== 'applicant'))
        throw notFound('附件不存在');
      const result = await completeUpload(deps, record.caseId, attachmentId, now());
      if (result.ok) return json(200, attachmentView(result.attachment));
      if (result.reason === 'mismatch' || result.reason === 'too_large')
        throw new HttpError(422, 'attachment_rejected', result.message, { removed: true });
      if (result.reason === 'not_uploaded')
        throw new HttpError(409, 'upload_missing', '尚未收到上传的文件，请先上传再确认');
      throw notFound('附件不存在');
    },
  };
}
export type CaseFileRoutes = ReturnType<typeof makeCaseFileRoutes>;
