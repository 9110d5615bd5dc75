/**
 * The case page's 附件 panel (design.md §9 Attachments): the files of the case (the scanned application, postal
 * proof, the reply's files, signed letters, proof of service, the applicant's uploads) with a download each, and
 * an upload with progress; also the upload the reply form and the registration confirmation embed.
 */
import { STAFF_PURPOSES, type StaffPurpose } from '../../functions/shared/domain/attachments';
import type { ApplicantType } from '../../functions/shared/domain/model';
import { segment } from './api';
import type { Session } from './console-session';
import { formatInstant, h, notice, replaceChildren } from './dom';
import { attachmentTable, uploader, type AttachmentRoutes, type AttachmentView } from './upload';

/** The staff routes of a case's attachments. */
export const staffAttachmentRoutes = (session: Session, caseId: string): AttachmentRoutes => ({
  call: (method, path, body) => session.call(method, path, body === undefined ? {} : { body }),
  base: `/v1/cases/${segment(caseId)}/attachments`,
  query: '',
});

/** Told on the document after any staff upload: the 附件 panel of the page shown lists the file at once. */
const ATTACHMENTS_CHANGED = 'gongkai:attachments-changed';

const UPLOADER_WORDS: Record<AttachmentView['uploadedBy'], string> = { staff: '工作人员', applicant: '申请人' };

/** A staff upload form for a case (`purposes` offered, the first preselected). */
export function staffUploader(
  session: Session,
  caseId: string,
  options: {
    id: string;
    purposes?: readonly StaffPurpose[];
    forApplicant?: boolean;
    label?: string;
    hint?: string;
    onUploaded?: (attachment: AttachmentView) => void;
  },
): HTMLElement {
  return uploader({
    routes: staffAttachmentRoutes(session, caseId),
    purposes: options.purposes ?? STAFF_PURPOSES,
    forApplicant: options.forApplicant ?? false,
    id: options.id,
    ...(options.label ? { label: options.label } : {}),
    ...(options.hint ? { hint: options.hint } : {}),
    onUploaded: (attachment) => {
      options.onUploaded?.(attachment);
      document.dispatchEvent(new CustomEvent(ATTACHMENTS_CHANGED));
    },
  });
}

/**
 * The 附件 panel: the list (loaded when the page shows) and the upload form, which refreshes the list; an
 * organisation's proof of identity is listed as 主体资格证明（营业执照等）.
 */
export function attachmentsPanel(session: Session, caseId: string, applicantType?: ApplicantType): HTMLElement {
  const list = h('div', { id: 'attachments-body' }, h('p', { class: 'loading' }, '正在加载附件……'));
  const routes = staffAttachmentRoutes(session, caseId);
  const load = async (): Promise<void> => {
    const answer = await routes.call<AttachmentView[]>('GET', routes.base);
    if (!answer.ok) {
      replaceChildren(list, notice('error', '附件未能加载', h('p', {}, answer.error.message)));
      return;
    }
    replaceChildren(
      list,
      attachmentTable(
        'attachments-table',
        routes,
        answer.body,
        [
          { header: '提供给申请人', cell: (a) => (a.forApplicant ? '是' : '否') },
          {
            header: '上传',
            cell: (a) => `${UPLOADER_WORDS[a.uploadedBy]} ${formatInstant(a.completedAt ?? a.createdAt)}`,
          },
        ],
        applicantType,
      ),
    );
  };
  void load();
  const panel = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'attachments-title', id: 'attachments' },
    h('h2', { id: 'attachments-title' }, '附件'),
    list,
    h(
      'details',
      { class: 'upload-details' },
      h('summary', {}, '上传附件'),
      staffUploader(session, caseId, { id: 'case-upload' }),
    ),
  );
  const changed = (): void => {
    if (panel.isConnected) void load();
    else document.removeEventListener(ATTACHMENTS_CHANGED, changed);
  };
  document.addEventListener(ATTACHMENTS_CHANGED, changed);
  return panel;
}

/**
 * The reply form's files: the disclosed information, uploaded before the reply is confirmed, marked for the
 * applicant (they download them on the status page once uploaded).
 */
export function replyFiles(session: Session, caseId: string): HTMLElement {
  return h(
    'div',
    { class: 'reply-files', id: 'reply-files' },
    h('h3', {}, '答复材料'),
    h('p', { class: 'hint' }, '先上传公开的政府信息等答复材料（默认提供给申请人），再提交答复。已上传的文件见“附件”。'),
    staffUploader(session, caseId, {
      id: 'reply-upload',
      purposes: ['reply', 'signed_letter', 'other'],
      forApplicant: true,
      label: '答复材料文件',
    }),
  );
}

/**
 * For the reply's second confirmation: which files the applicant will be able to download with it (the case's
 * files marked 提供给申请人), or that there are none — filled when the list answers.
 */
export function replyFilesSummary(session: Session, caseId: string): HTMLElement {
  const line = h('p', { id: 'reply-files-summary' }, '正在核对提供给申请人的材料……');
  const routes = staffAttachmentRoutes(session, caseId);
  void routes.call<AttachmentView[]>('GET', routes.base).then((answer) => {
    if (!answer.ok) {
      line.textContent = `提供给申请人的材料未能核对：${answer.error.message}`;
      return;
    }
    const names = answer.body.filter((a) => a.forApplicant && a.uploadedBy === 'staff').map((a) => a.fileName);
    line.textContent = names.length
      ? `申请人可在查询页面下载的材料（${names.length}个）：${names.join('、')}`
      : '尚未上传提供给申请人的材料。如需随答复提供政府信息，请先在上方“答复材料”中上传。';
  });
  return line;
}
