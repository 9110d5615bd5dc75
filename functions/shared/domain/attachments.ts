/**
 * Attachments (附件) of a case, design.md §9: what may be uploaded, by whom and for what, the limits, the check
 * of a file's first bytes against its declared type, and the sanitising of file names. Pure rules.
 */
import type { ApplicantType } from './model';

/** At most 20 MB a file (design.md §9). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** At most 30 files a case (design.md §9). */
export const MAX_ATTACHMENTS_PER_CASE = 30;
/** Presigned upload and download links live 15 minutes. */
export const ATTACHMENT_LINK_SECONDS = 15 * 60;

/** Staff purposes: the scanned paper application, proof of the postal receipt date (Art. 31), the reply's files, signed letters, proof of service. */
export const STAFF_PURPOSES = [
  'application_scan',
  'postal_proof',
  'reply',
  'signed_letter',
  'service_proof',
  'other',
] as const;
/** Applicant purposes: proof of identity (Art. 29), an agent's 委托书, supplement materials (Art. 30). */
export const APPLICANT_PURPOSES = ['identity_proof', 'authorization', 'supplement'] as const;
export type StaffPurpose = (typeof STAFF_PURPOSES)[number];
export type ApplicantPurpose = (typeof APPLICANT_PURPOSES)[number];
export type AttachmentPurpose = StaffPurpose | ApplicantPurpose;

export const PURPOSE_LABELS: Record<AttachmentPurpose, string> = {
  application_scan: '申请书扫描件',
  postal_proof: '邮寄签收凭证',
  reply: '答复材料',
  signed_letter: '签章文书',
  service_proof: '送达凭证',
  other: '其他材料',
  identity_proof: '身份证明',
  authorization: '授权委托书',
  supplement: '补正材料',
};

/**
 * An organisation's proof of identity (法人或者其他组织, Art. 29: 身份证明): its business licence or other registration
 * certificate, as the receipt and the status page ask for it.
 */
const ORGANISATION_IDENTITY_PROOF = '主体资格证明（营业执照等）';

/**
 * The label of a purpose for the applicant the case is about: an organisation's `identity_proof` is its
 * 主体资格证明（营业执照等）, a person's their 身份证明; every other purpose has one label (`PURPOSE_LABELS`).
 *
 * @example purposeLabelFor('identity_proof', 'commercial_enterprise') // => '主体资格证明（营业执照等）'
 * @example purposeLabelFor('identity_proof', 'natural_person') // => '身份证明'
 */
export function purposeLabelFor(purpose: AttachmentPurpose, applicantType?: ApplicantType): string {
  if (purpose === 'identity_proof' && applicantType !== undefined && applicantType !== 'natural_person')
    return ORGANISATION_IDENTITY_PROOF;
  return PURPOSE_LABELS[purpose];
}

/** How a file starts (magic bytes). OFD, DOCX and XLSX are ZIP packages; DOC and XLS are OLE compound files. */
const SIGNATURES = {
  pdf: [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  jpeg: [0xff, 0xd8, 0xff],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  zip: [0x50, 0x4b, 0x03, 0x04], // PK\3\4
  ole: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
} as const;
type Signature = keyof typeof SIGNATURES;

/** The accepted file types: their content types, name extensions and first bytes. */
export const ATTACHMENT_TYPES = {
  pdf: { label: 'PDF', contentTypes: ['application/pdf'], extensions: ['pdf'], signature: 'pdf' },
  jpeg: { label: 'JPEG', contentTypes: ['image/jpeg'], extensions: ['jpg', 'jpeg'], signature: 'jpeg' },
  png: { label: 'PNG', contentTypes: ['image/png'], extensions: ['png'], signature: 'png' },
  ofd: { label: 'OFD', contentTypes: ['application/ofd'], extensions: ['ofd'], signature: 'zip' },
  doc: { label: 'DOC', contentTypes: ['application/msword'], extensions: ['doc'], signature: 'ole' },
  docx: {
    label: 'DOCX',
    contentTypes: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    extensions: ['docx'],
    signature: 'zip',
  },
  xls: { label: 'XLS', contentTypes: ['application/vnd.ms-excel'], extensions: ['xls'], signature: 'ole' },
  xlsx: {
    label: 'XLSX',
    contentTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    extensions: ['xlsx'],
    signature: 'zip',
  },
} as const satisfies Record<
  string,
  { label: string; contentTypes: readonly string[]; extensions: readonly string[]; signature: Signature }
>;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** Every accepted content type, for messages and the form's `accept`. */
export const ACCEPTED_CONTENT_TYPES: readonly string[] = Object.values(ATTACHMENT_TYPES).flatMap((t) => t.contentTypes);

/**
 * The attachment type of a declared content type (parameters and case ignored), if accepted.
 * @example attachmentTypeOf('application/pdf; charset=binary') // => 'pdf'
 */
export function attachmentTypeOf(contentType: string): AttachmentType | undefined {
  const bare = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (Object.keys(ATTACHMENT_TYPES) as AttachmentType[]).find((t) =>
    (ATTACHMENT_TYPES[t].contentTypes as readonly string[]).includes(bare),
  );
}

/** How many first bytes `matchesSignature` needs. */
export const SIGNATURE_BYTES = 8;

/**
 * Whether a file's first bytes fit its declared type (a mismatch is removed and reported, design.md §9).
 * @example matchesSignature('pdf', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31])) // => true
 */
export function matchesSignature(type: AttachmentType, firstBytes: Uint8Array): boolean {
  const signature = SIGNATURES[ATTACHMENT_TYPES[type].signature];
  return firstBytes.length >= signature.length && signature.every((byte, i) => firstBytes[i] === byte);
}

/** Longest file name kept (characters, extension included). */
export const MAX_FILE_NAME_CHARS = 100;
const RESERVED = /[<>:"/\\|?*]/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A file name safe to store and to offer for download: no directories (`../`, `\`), no control or
 * bidirectional-override characters, no characters Windows refuses, no leading dots, at most 100 characters
 * with the extension kept; `附件` when nothing is left.
 * @example sanitizeFileName('../../etc/passwd') // => 'passwd'
 * @example sanitizeFileName('答复\u0000书.pdf') // => '答复书.pdf'
 */
export function sanitizeFileName(name: string): string {
  const base = name.replace(CONTROL, '').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (!cleaned) return '附件';
  const chars = [...cleaned];
  if (chars.length <= MAX_FILE_NAME_CHARS) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return (
    [...cleaned.slice(0, cleaned.length - extension.length)].slice(0, MAX_FILE_NAME_CHARS - extension.length).join('') +
    extension
  );
}

/**
 * The most the reply email carries of the files provided to the applicant, in bytes (10 MB: base64 makes it about
 * 13.5 MB, under the 20–25 MB many mail systems accept; SES takes 40 MB). Files beyond it are downloaded on the
 * status page, where every file provided to the applicant always is.
 */
export const REPLY_EMAIL_FILES_BUDGET_BYTES = 10 * 1024 * 1024;

/**
 * Splits the files provided with a reply (Art. 40: provided in the form the applicant asked for, here by email)
 * into those attached to the reply email, in order while they fit `budget`, and those left to the status page.
 *
 * @example replyEmailFiles([{ size: 6e6 }, { size: 6e6 }, { size: 1e6 }]).attached.length // => 2
 */
export function replyEmailFiles<T extends { size: number }>(
  files: readonly T[],
  budget: number = REPLY_EMAIL_FILES_BUDGET_BYTES,
): { attached: T[]; onStatusPage: T[] } {
  const attached: T[] = [];
  const onStatusPage: T[] = [];
  let used = 0;
  for (const file of files) {
    if (used + file.size <= budget) {
      attached.push(file);
      used += file.size;
    } else onStatusPage.push(file);
  }
  return { attached, onStatusPage };
}
