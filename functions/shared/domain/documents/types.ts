/**
 * Statutory documents (文书) of a case, design.md §9: what the law makes a written notice, as layout-free
 * content. Renderers (printable HTML here, Word in `files/`) lay it out; they add nothing of substance.
 */
import type { LocalDate } from '../model';

/** The seven kinds of design.md §9, in the order a case meets them. */
export const DOCUMENT_KINDS = [
  'receipt',
  'supplement_notice',
  'extension_notice',
  'consultation_letter',
  'fee_notice',
  'reply',
  'termination_notice',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A block of a document's body. */
export type DocumentBlock =
  /** A body paragraph (indented two characters when laid out). */
  | { readonly type: 'paragraph'; readonly text: string }
  /** Label–value lines (the receipt's particulars). */
  | { readonly type: 'facts'; readonly rows: readonly (readonly [string, string])[] };

/** One statutory document as the domain writes it. */
export interface OfficialDocument {
  readonly kind: DocumentKind;
  /** e.g. `政府信息公开申请答复书`. */
  readonly title: string;
  /** The document number (文号), `<letterPrefix>〔YYYY〕N号`. */
  readonly number: string;
  /** The date it is issued (落款日期): the day of the event that causes it. */
  readonly issuedOn: LocalDate;
  /** Whom it is addressed to (主送), e.g. `张三：`; the third party for a consultation letter. */
  readonly addressee: string;
  readonly body: readonly DocumentBlock[];
  /** The issuing agency (落款). */
  readonly signatory: string;
  /** Contact line printed under the signature (address, phone), if the agency has given them. */
  readonly contact: string | null;
  /** The articles the document rests on, e.g. `《条例》第三十条`. */
  readonly articles: readonly string[];
  /** Whether the applicant receives it (everything but the consultation letter). */
  readonly forApplicant: boolean;
  /** Some date in it rests on a year whose holiday notice is not yet published (marked 暂定). */
  readonly provisional: boolean;
}

/** The agency settings a letter names (design.md §9 administration). */
export interface LetterAgency {
  readonly name: string;
  readonly letterPrefix: string;
  /** 行政复议机关. */
  readonly reviewOrgan: string;
  /** 行政诉讼 court of first instance. */
  readonly court: string;
  readonly address: string;
  readonly phone: string;
}

/** The case facts a document needs (no ID number, phone or address: letters never print them). */
export interface LetterCase {
  readonly receiptNumber: string;
  readonly applicantName: string;
  readonly description: string;
  readonly documentNumber?: string | undefined;
  readonly delivery: { readonly form: 'paper' | 'electronic'; readonly method: 'email' | 'post' | 'pickup' | 'online' };
}
