/**
 * The applicant's case file on the public pages (design.md §9): the documents meant for them (受理回执, 补正告知书,
 * 答复书 …) and the files staff marked for them or they uploaded, each downloadable with the tracking code, and an
 * upload with progress (proof of identity, an agent's 委托书, supplement materials). The code travels only in the
 * API calls, never in the page's address.
 */
import type { ApplicantPurpose } from '../../functions/shared/domain/attachments';
import type { ApplicantType } from '../../functions/shared/domain/model';
import { callApi, segment } from './api';
import { documentTable, type DocumentView } from './documents';
import { h, notice, replaceChildren } from './dom';
import { attachmentTable, uploader, type AttachmentRoutes, type AttachmentView } from './upload';

export interface ApplicantFilesOptions {
  receiptNumber: string;
  code: string;
  /** The upload offered, if any: its purposes (the first preselected), label and hint. */
  upload?: { purposes: readonly ApplicantPurpose[]; label: string; hint?: string };
  /** The heading level and text of the section. */
  title?: string;
  /** The applicant's type: an organisation's proof of identity is labelled 主体资格证明（营业执照等）. */
  applicantType?: ApplicantType | undefined;
}

/** The 文书和附件 section: filled when the two lists answer; the upload refreshes the file list. */
export function applicantFiles(options: ApplicantFilesOptions): HTMLElement {
  const base = `/v1/requests/${segment(options.receiptNumber)}`;
  const query = `?code=${encodeURIComponent(options.code)}`;
  const routes: AttachmentRoutes = {
    call: (method, path, body) => callApi(method, path, body === undefined ? {} : { body }),
    base: `${base}/attachments`,
    query,
  };
  const documents = h('div', { id: 'applicant-documents' }, h('p', { class: 'loading' }, '正在加载文书……'));
  const files = h('div', { id: 'applicant-attachments' }, h('p', { class: 'loading' }, '正在加载附件……'));
  const loadDocuments = async (): Promise<void> => {
    const answer = await callApi<DocumentView[]>('GET', `${base}/documents${query}`);
    replaceChildren(
      documents,
      answer.ok
        ? documentTable('applicant-documents-table', { base: `${base}/documents`, query }, answer.body)
        : notice('error', '文书未能加载', h('p', {}, answer.error.message)),
    );
  };
  const loadFiles = async (): Promise<void> => {
    const answer = await routes.call<AttachmentView[]>('GET', `${routes.base}${query}`);
    replaceChildren(
      files,
      answer.ok
        ? attachmentTable('applicant-attachments-table', routes, answer.body, [], options.applicantType)
        : notice('error', '附件未能加载', h('p', {}, answer.error.message)),
    );
  };
  void loadDocuments();
  void loadFiles();
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'applicant-files-title', id: 'applicant-files' },
    h('h2', { id: 'applicant-files-title' }, options.title ?? '文书和材料'),
    h('h3', {}, '行政机关出具的文书'),
    documents,
    h('h3', {}, '材料'),
    files,
    options.upload
      ? h(
          'div',
          { class: 'no-print' },
          h('h3', {}, options.upload.label),
          uploader({
            id: 'applicant-upload',
            routes,
            purposes: options.upload.purposes,
            label: '选择文件',
            applicantType: options.applicantType,
            ...(options.upload.hint ? { hint: options.upload.hint } : {}),
            onUploaded: () => void loadFiles(),
          }),
        )
      : null,
  );
}
