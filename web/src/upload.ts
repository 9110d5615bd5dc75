/**
 * Uploading a file to the case file (design.md §9 Attachments), shared by the console, the form and the status
 * page: announce (`POST …/attachments`, refused before any byte moves for a type, size or count the rules do not
 * allow), PUT the bytes straight to S3 through the presigned link with a progress bar (XMLHttpRequest upload
 * progress), then `POST …/attachments/{id}/complete`, where the server checks the first bytes (422 and removed on a
 * mismatch). Also the download of a file the page fetched. Kept small: the application form loads it.
 */
import {
  ACCEPTED_CONTENT_TYPES,
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  PURPOSE_LABELS,
  purposeLabelFor,
  type AttachmentPurpose,
} from '../../functions/shared/domain/attachments';
import type { UploadTicket } from '../../functions/shared/case-file/attachments';
import type { ApplicantType } from '../../functions/shared/domain/model';
import type { ApiResult } from './api';
import { append, h, notice, replaceChildren } from './dom';

/** An attachment as the API lists it. */
export interface AttachmentView {
  attachmentId: string;
  fileName: string;
  contentType: string;
  size: number;
  purpose: AttachmentPurpose;
  forApplicant: boolean;
  uploadedBy: 'staff' | 'applicant';
  createdAt: string;
  completedAt?: string;
}

/** Calls the API on behalf of the page: with the staff token in the console, plain on the public pages. */
export type Caller = <T>(method: string, path: string, body?: unknown) => Promise<ApiResult<T>>;

/** Where a case's attachments live for this page: `/v1/cases/<id>/attachments` or the applicant's, with `?code=`. */
export interface AttachmentRoutes {
  call: Caller;
  /** The collection path, e.g. `/v1/cases/abc/attachments`. */
  base: string;
  /** Appended to every path (`?code=…` for the applicant, else empty). */
  query: string;
}

export type UploadOutcome =
  | { ok: true; attachment: AttachmentView }
  | { ok: false; stage: 'check' | 'announce' | 'upload' | 'complete'; status: number; message: string };

const megabytes = (bytes: number): string => `${Number((bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1))}MB`;

/** The accepted types for a file input's `accept`: content types and name extensions. */
export const ACCEPT = [
  ...ACCEPTED_CONTENT_TYPES,
  ...Object.values(ATTACHMENT_TYPES).flatMap((t) => t.extensions.map((e) => `.${e}`)),
].join(',');

/**
 * The content type to declare for a file: the browser's when it is one of the accepted, else the one its name's
 * extension stands for (browsers give OFD files no type), else the browser's (refused by the server, naming it).
 */
export function contentTypeOf(file: { name: string; type: string }): string {
  if (ACCEPTED_CONTENT_TYPES.includes(file.type)) return file.type;
  const extension = file.name.toLowerCase().split('.').pop() ?? '';
  const type = Object.values(ATTACHMENT_TYPES).find((t) => (t.extensions as readonly string[]).includes(extension));
  return type?.contentTypes[0] ?? (file.type || 'application/octet-stream');
}

/** PUTs the bytes to the presigned link, reporting progress; resolves with the HTTP status (0: no connection). */
function put(ticket: UploadTicket, file: Blob, onProgress: (loaded: number, total: number) => void): Promise<number> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', ticket.uploadUrl);
    for (const [name, value] of Object.entries(ticket.uploadHeaders)) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    xhr.addEventListener('load', () => resolve(xhr.status));
    xhr.addEventListener('error', () => resolve(0));
    xhr.addEventListener('abort', () => resolve(0));
    xhr.send(file);
  });
}

/** Announces, uploads and completes one file. */
export async function uploadAttachment(
  routes: AttachmentRoutes,
  file: File,
  details: { purpose: AttachmentPurpose; forApplicant?: boolean },
  onProgress: (loaded: number, total: number) => void = () => undefined,
): Promise<UploadOutcome> {
  if (file.size > MAX_ATTACHMENT_BYTES)
    return {
      ok: false,
      stage: 'check',
      status: 400,
      message: `文件过大（${megabytes(file.size)}），每个文件不得超过${megabytes(MAX_ATTACHMENT_BYTES)}，未上传`,
    };
  if (file.size === 0) return { ok: false, stage: 'check', status: 400, message: '文件是空的，未上传' };
  const announced = await routes.call<UploadTicket>('POST', `${routes.base}${routes.query}`, {
    fileName: file.name,
    contentType: contentTypeOf(file),
    size: file.size,
    purpose: details.purpose,
    ...(details.forApplicant === undefined ? {} : { forApplicant: details.forApplicant }),
  });
  if (!announced.ok)
    return {
      ok: false,
      stage: 'announce',
      status: announced.status,
      message: announced.error.fields?.map((f) => f.message).join('；') || announced.error.message,
    };
  const ticket = announced.body;
  const status = await put(ticket, file, onProgress);
  if (status < 200 || status >= 300)
    return {
      ok: false,
      stage: 'upload',
      status,
      message:
        status === 0 ? '上传中断：无法连接文件存储，请检查网络后重试' : `文件存储拒绝了上传（HTTP ${status}），请重试`,
    };
  onProgress(file.size, file.size);
  const completed = await routes.call<AttachmentView>(
    'POST',
    `${routes.base}/${encodeURIComponent(ticket.attachmentId)}/complete${routes.query}`,
  );
  if (!completed.ok)
    return { ok: false, stage: 'complete', status: completed.status, message: completed.error.message };
  return { ok: true, attachment: completed.body };
}

/** Offers bytes the page holds as a download named `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Downloads an attachment: asks the API for its presigned link, fetches the bytes and saves them. */
export async function downloadAttachment(routes: AttachmentRoutes, attachment: AttachmentView): Promise<string | null> {
  const link = await routes.call<{ downloadUrl: string }>(
    'GET',
    `${routes.base}/${encodeURIComponent(attachment.attachmentId)}${routes.query}`,
  );
  if (!link.ok) return link.error.message;
  try {
    const response = await fetch(link.body.downloadUrl);
    if (!response.ok) return `下载失败（HTTP ${response.status}），请重试`;
    saveBlob(await response.blob(), attachment.fileName);
    return null;
  } catch {
    return '下载失败：无法连接文件存储，请检查网络后重试';
  }
}

/** A file size in words. */
export const sizeText = (bytes: number): string =>
  bytes < 1024 ? `${bytes}字节` : bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)}KB` : megabytes(bytes);

/** The purpose's label for the case's applicant, e.g. 申请书扫描件, or an organisation's 主体资格证明（营业执照等）. */
export const purposeLabel = (purpose: string, applicantType?: ApplicantType): string =>
  purpose in PURPOSE_LABELS ? purposeLabelFor(purpose as AttachmentPurpose, applicantType) : purpose;

export interface UploaderOptions {
  /** Unique prefix of the element ids. */
  id: string;
  routes: AttachmentRoutes;
  /** The purposes offered (the first is preselected); one purpose shows no choice. */
  purposes: readonly AttachmentPurpose[];
  /** Staff only: offer the 提供给申请人 box, checked or not. */
  forApplicant?: boolean;
  /** The label of the file field. */
  label?: string;
  hint?: string;
  /** Called after each file is completed. */
  onUploaded?: (attachment: AttachmentView) => void;
  /** The case's applicant type: an organisation's proof of identity is labelled as such (`purposeLabelFor`). */
  applicantType?: ApplicantType | undefined;
}

/**
 * A small upload form: file field (several files allowed), purpose, 提供给申请人 box, a button, and per file a
 * progress bar and the outcome (a refusal or a removed mismatch shown as an alert naming the file).
 */
export function uploader(options: UploaderOptions): HTMLElement {
  const fileId = `${options.id}-file`;
  const input = h('input', { type: 'file', id: fileId, name: 'file', multiple: true, accept: ACCEPT });
  const purpose = h(
    'select',
    { id: `${options.id}-purpose`, name: 'purpose' },
    ...options.purposes.map((p) => h('option', { value: p }, purposeLabel(p, options.applicantType))),
  );
  const forApplicant =
    options.forApplicant === undefined
      ? null
      : h('input', {
          type: 'checkbox',
          id: `${options.id}-for-applicant`,
          name: 'forApplicant',
          checked: options.forApplicant,
        });
  const button = h('button', { type: 'submit', class: 'button secondary' }, '上传');
  const results = h('ul', { class: 'plain-list upload-results', id: `${options.id}-results`, 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'form uploader', id: `${options.id}-form`, novalidate: true },
    h(
      'div',
      { class: 'field' },
      h('label', { for: fileId }, options.label ?? '选择文件'),
      h(
        'p',
        { class: 'hint', id: `${fileId}-hint` },
        options.hint ?? '',
        `可上传 PDF、JPEG、PNG、OFD、Word、Excel 文件，每个不超过${megabytes(MAX_ATTACHMENT_BYTES)}。`,
      ),
      input,
    ),
    options.purposes.length > 1
      ? h('div', { class: 'field' }, h('label', { for: purpose.id }, '附件用途'), purpose)
      : null,
    forApplicant
      ? h(
          'div',
          { class: 'field checkbox' },
          forApplicant,
          h('label', { for: forApplicant.id }, '提供给申请人（申请人可在查询页面下载）'),
        )
      : null,
    h('div', { class: 'actions' }, button),
    results,
  );
  input.setAttribute('aria-describedby', `${fileId}-hint`);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const files = Array.from(input.files ?? []);
    if (files.length === 0) {
      replaceChildren(results, h('li', {}, notice('error', '请先选择要上传的文件')));
      return;
    }
    void (async () => {
      button.disabled = true;
      replaceChildren(results);
      for (const file of files) {
        const bar = h('progress', { max: file.size, value: 0, 'aria-label': `${file.name} 上传进度` });
        const state = h('div', { class: 'upload-state' }, '正在上传……');
        const row = h(
          'li',
          { class: 'upload-row' },
          h('span', { class: 'file-name' }, file.name),
          ' ',
          bar,
          ' ',
          state,
        );
        append(results, row);
        const outcome = await uploadAttachment(
          options.routes,
          file,
          {
            purpose: (options.purposes.length > 1 ? purpose.value : options.purposes[0]) as AttachmentPurpose,
            ...(forApplicant ? { forApplicant: forApplicant.checked } : {}),
          },
          (loaded, total) => {
            bar.max = total;
            bar.value = loaded;
            state.textContent = `${Math.floor((loaded / Math.max(total, 1)) * 100)}%`;
          },
        );
        if (outcome.ok) {
          row.dataset.state = 'done';
          state.textContent = '已上传';
          options.onUploaded?.(outcome.attachment);
        } else {
          row.dataset.state = 'failed';
          bar.remove();
          replaceChildren(
            state,
            notice(
              'error',
              outcome.status === 422 ? `${file.name}：文件内容与类型不符，已删除` : `${file.name}：未能上传`,
              h('p', {}, outcome.message),
            ),
          );
        }
      }
      input.value = '';
      button.disabled = false;
    })();
  });
  return form;
}

/** A table of attachments with a download button each; a failed download is shown below it. */
export function attachmentTable(
  id: string,
  routes: AttachmentRoutes,
  attachments: readonly AttachmentView[],
  extraColumns: { header: string; cell: (a: AttachmentView) => string }[] = [],
  applicantType?: ApplicantType,
): HTMLElement {
  if (attachments.length === 0) return h('p', { id, class: 'empty' }, '暂无附件。');
  const problem = h('div', { 'aria-live': 'polite' });
  const rows = attachments.map((a) => {
    const button = h('button', { type: 'button', class: 'button link' }, '下载');
    button.setAttribute('aria-label', `下载 ${a.fileName}`);
    button.addEventListener('click', () => {
      void (async () => {
        button.disabled = true;
        const error = await downloadAttachment(routes, a);
        button.disabled = false;
        replaceChildren(problem, error ? notice('error', `${a.fileName} 未能下载`, h('p', {}, error)) : null);
      })();
    });
    return h(
      'tr',
      { 'data-attachment': a.attachmentId },
      h('td', { class: 'file-name' }, a.fileName),
      h('td', {}, purposeLabel(a.purpose, applicantType)),
      h('td', {}, sizeText(a.size)),
      ...extraColumns.map((c) => h('td', {}, c.cell(a))),
      h('td', {}, button),
    );
  });
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { id },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['文件名', '用途', '大小', ...extraColumns.map((c) => c.header), '操作'].map((t) =>
            h('th', { scope: 'col' }, t),
          ),
        ),
      ),
      h('tbody', {}, ...rows),
    ),
    problem,
  );
}
