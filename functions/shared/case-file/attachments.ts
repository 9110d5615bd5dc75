/**
 * Attachments of a case (design.md §9): an upload is announced (type, size and count checked before any byte
 * moves), made straight to S3 through a presigned PUT, then completed: the first bytes must fit the declared type
 * or the file is removed. Downloads are presigned GETs. The answers are plain results; the HTTP edge words them.
 */
import { randomUUID } from 'node:crypto';
import {
  ATTACHMENT_LINK_SECONDS,
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_CASE,
  SIGNATURE_BYTES,
  attachmentTypeOf,
  matchesSignature,
  replyEmailFiles,
  sanitizeFileName,
  type AttachmentPurpose,
} from '../domain/attachments';
import { attachmentKey } from '../files/case-files';
import { log } from '../log';
import type { AttachmentRecord } from '../store/case-file-repository';
import type { CaseRecord } from '../store/case-repository';
import type { NoticeAttachment } from '../notify/outbox';
import type { CaseFileDeps } from './documents';

export interface NewUpload {
  fileName: string;
  contentType: string;
  size: number;
  purpose: AttachmentPurpose;
  forApplicant: boolean;
  uploadedBy: 'staff' | 'applicant';
}

export type UploadRefusal = { field: 'contentType' | 'size' | 'count'; message: string };

/** What the uploader gets: where to PUT the bytes, with which headers, until when. */
export interface UploadTicket {
  attachmentId: string;
  fileName: string;
  uploadUrl: string;
  uploadHeaders: Record<string, string>;
  expiresAt: string;
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)}MB`;
const acceptedLabels = Object.values(ATTACHMENT_TYPES)
  .map((t) => t.label)
  .join('、');

/** Announces an upload: refused (before any byte moves) for a type, size or count the rules do not allow. */
export async function startUpload(
  deps: CaseFileDeps,
  record: CaseRecord,
  upload: NewUpload,
  now: Date,
): Promise<{ ok: true; ticket: UploadTicket } | { ok: false; refusal: UploadRefusal }> {
  const type = attachmentTypeOf(upload.contentType);
  if (!type)
    return { ok: false, refusal: { field: 'contentType', message: `文件类型不支持，仅接受 ${acceptedLabels} 文件` } };
  if (upload.size > MAX_ATTACHMENT_BYTES)
    return {
      ok: false,
      refusal: {
        field: 'size',
        message: `文件过大（${megabytes(upload.size)}），每个文件不得超过 ${megabytes(MAX_ATTACHMENT_BYTES)}`,
      },
    };
  if (!(await deps.files.takeAttachmentPlace(record.caseId, MAX_ATTACHMENTS_PER_CASE)))
    return { ok: false, refusal: { field: 'count', message: `每个案件最多上传 ${MAX_ATTACHMENTS_PER_CASE} 个附件` } };
  const attachmentId = randomUUID();
  const fileName = sanitizeFileName(upload.fileName);
  const contentType = ATTACHMENT_TYPES[type].contentTypes[0];
  await deps.files.createAttachment({
    caseId: record.caseId,
    attachmentId,
    fileName,
    contentType,
    type,
    size: upload.size,
    purpose: upload.purpose,
    forApplicant: upload.forApplicant,
    uploadedBy: upload.uploadedBy,
    status: 'pending',
    createdAt: now.toISOString(),
  });
  const link = await deps.storage.uploadLink(
    attachmentKey(record.caseId, attachmentId),
    contentType,
    ATTACHMENT_LINK_SECONDS,
  );
  return {
    ok: true,
    ticket: {
      attachmentId,
      fileName,
      uploadUrl: link.url,
      uploadHeaders: link.headers,
      expiresAt: new Date(now.getTime() + ATTACHMENT_LINK_SECONDS * 1000).toISOString(),
    },
  };
}

export type CompleteResult =
  | { ok: true; attachment: AttachmentRecord }
  | { ok: false; reason: 'not_found' | 'not_uploaded' }
  | { ok: false; reason: 'mismatch' | 'too_large'; message: string };

async function remove(deps: CaseFileDeps, attachment: AttachmentRecord): Promise<void> {
  await deps.storage.remove(attachmentKey(attachment.caseId, attachment.attachmentId));
  await deps.files.deleteAttachment(attachment.caseId, attachment.attachmentId);
  await deps.files.giveBackAttachmentPlace(attachment.caseId).catch(() => undefined);
}

/**
 * Completes an upload: the object must exist, be at most 20 MB, and start with the bytes of its declared type;
 * otherwise it is removed (object and record) and the mismatch reported.
 */
export async function completeUpload(
  deps: CaseFileDeps,
  caseId: string,
  attachmentId: string,
  now: Date,
): Promise<CompleteResult> {
  const attachment = await deps.files.getAttachment(caseId, attachmentId);
  if (!attachment) return { ok: false, reason: 'not_found' };
  if (attachment.status === 'available') return { ok: true, attachment };
  const key = attachmentKey(caseId, attachmentId);
  const size = await deps.storage.size(key);
  if (size === undefined) return { ok: false, reason: 'not_uploaded' };
  if (size > MAX_ATTACHMENT_BYTES) {
    await remove(deps, attachment);
    return {
      ok: false,
      reason: 'too_large',
      message: `文件过大，每个文件不得超过 ${megabytes(MAX_ATTACHMENT_BYTES)}，已删除`,
    };
  }
  const first = await deps.storage.firstBytes(key, SIGNATURE_BYTES);
  if (!matchesSignature(attachment.type, first)) {
    await remove(deps, attachment);
    log.warn('attachment removed: content does not match its type', { caseId, attachmentId, type: attachment.type });
    return {
      ok: false,
      reason: 'mismatch',
      message: `文件内容与声明的类型（${ATTACHMENT_TYPES[attachment.type].label}）不符，已删除`,
    };
  }
  await deps.files.completeAttachment(caseId, attachmentId, size, now.toISOString());
  return { ok: true, attachment: { ...attachment, size, status: 'available', completedAt: now.toISOString() } };
}

/** A presigned download link of an available attachment. */
export async function attachmentDownload(deps: CaseFileDeps, attachment: AttachmentRecord, now: Date) {
  return {
    downloadUrl: await deps.storage.downloadLink(
      attachmentKey(attachment.caseId, attachment.attachmentId),
      attachment.fileName,
      attachment.contentType,
      ATTACHMENT_LINK_SECONDS,
    ),
    expiresAt: new Date(now.getTime() + ATTACHMENT_LINK_SECONDS * 1000).toISOString(),
  };
}

/** An attachment as listed (no storage key). */
export const attachmentView = (a: AttachmentRecord) => ({
  attachmentId: a.attachmentId,
  fileName: a.fileName,
  contentType: a.contentType,
  size: a.size,
  purpose: a.purpose,
  forApplicant: a.forApplicant,
  uploadedBy: a.uploadedBy,
  createdAt: a.createdAt,
  ...(a.completedAt ? { completedAt: a.completedAt } : {}),
});

/**
 * How long an announced upload may stay uncompleted before the sweep removes it: its presigned link lives
 * 15 minutes, so an hour leaves a slow upload time to finish and be completed.
 */
export const STALE_UPLOAD_MS = 60 * 60 * 1000;

/**
 * Removes the uploads announced more than {@link STALE_UPLOAD_MS} before `now` and never completed (design.md §9:
 * only completed, checked files exist): the object if the bytes arrived, the record, and the case's place among
 * its 30. Run with the daily reconcile. An upload completed meanwhile is left alone.
 */
export async function sweepStaleUploads(
  deps: { files: CaseFileDeps['files']; storage: Pick<CaseFileDeps['storage'], 'remove'> },
  now: Date,
): Promise<{ removed: number }> {
  const stale = await deps.files.listPendingUploads(new Date(now.getTime() - STALE_UPLOAD_MS).toISOString());
  let removed = 0;
  for (const upload of stale) {
    const attachment = await deps.files.getAttachment(upload.caseId, upload.attachmentId);
    if (attachment?.status === 'available') {
      await deps.files.forgetPendingUpload(upload.caseId, upload.attachmentId);
      continue;
    }
    await deps.storage.remove(attachmentKey(upload.caseId, upload.attachmentId));
    await deps.files.deleteAttachment(upload.caseId, upload.attachmentId);
    if (attachment) await deps.files.giveBackAttachmentPlace(upload.caseId).catch(() => undefined);
    removed += 1;
  }
  if (removed) log.info('stale uploads removed', { removed });
  return { removed };
}

/** The files staff provided to the applicant, split for the reply email (`replyEmailFiles`), as the email needs them. */
export async function replyEmailAttachments(
  deps: CaseFileDeps | undefined,
  caseId: string,
): Promise<{ attachments: NoticeAttachment[]; attached: string[]; onStatusPage: string[] }> {
  if (!deps) return { attachments: [], attached: [], onStatusPage: [] };
  const provided = (await deps.files.listAttachments(caseId)).filter(
    (a) => a.forApplicant && a.uploadedBy === 'staff' && a.status === 'available',
  );
  const { attached, onStatusPage } = replyEmailFiles(provided);
  return {
    attachments: attached.map((a) => ({
      s3Key: attachmentKey(a.caseId, a.attachmentId),
      bucket: deps.storage.bucket,
      fileName: a.fileName,
      contentType: a.contentType,
    })),
    attached: attached.map((a) => a.fileName),
    onStatusPage: onStatusPage.map((a) => a.fileName),
  };
}
