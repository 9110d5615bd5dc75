/**
 * The local system's mail box: every email the local SES (aws-ses-v2-local) accepts is also appended to
 * `<dataDir>/mail/emails.jsonl`, so a second start finds the emails of the first (the SES stand-in keeps its
 * store in memory only). `/_local/emails` and the `/_local/mail` page read this store.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** An email as aws-ses-v2-local stores it. */
interface SesStoreEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  headers?: { name: string; value: string }[];
  /** The MIME attachments, their content in base64. */
  attachments?: { filename: string; contentType: string; content: string }[];
  at: number;
}

/** An email as `/_local/emails` lists it: recipient, subject, text, and the system-clock time it was sent. */
export interface LocalEmail {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** The system-clock instant (ISO UTC) at which it was sent (virtual under `--virtual-clock`). */
  time: string;
  kind?: string;
  caseId?: string;
  /** The outbox notice it delivers, `<scope>/<key>` (exactly one email per notice). */
  notice?: string;
  /** Its attachments: names, types and sizes (the content stays in the SES stand-in). */
  attachments?: { fileName: string; contentType: string; size: number }[];
}

export interface MailStore {
  /** Every email, in the order sent, the earlier runs' first. */
  list(): LocalEmail[];
  /** Stops recording (the system stops). */
  close(): void;
}

function toLocalEmail(email: SesStoreEmail): LocalEmail {
  const header = (name: string) => email.headers?.find((h) => h.name.toLowerCase() === name)?.value;
  return {
    messageId: email.messageId,
    to: email.destination.to,
    subject: email.subject,
    text: email.body.text ?? '',
    ...(email.body.html ? { html: email.body.html } : {}),
    time: header('x-gongkai-sent-at') ?? new Date(email.at * 1000).toISOString(),
    ...(header('x-gongkai-kind') ? { kind: header('x-gongkai-kind') } : {}),
    ...(header('x-gongkai-case') ? { caseId: header('x-gongkai-case') } : {}),
    ...(header('x-gongkai-notice') ? { notice: header('x-gongkai-notice') } : {}),
    ...(email.attachments?.length
      ? {
          attachments: email.attachments.map((a) => ({
            fileName: a.filename,
            contentType: a.contentType,
            size: Buffer.byteLength(a.content, 'base64'),
          })),
        }
      : {}),
  };
}

// aws-ses-v2-local saves every accepted email through its store module's `saveEmail` (looked up on the module
// at each call); wrapping that one export is how the local system sees each email as it is accepted.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sesStore = require('aws-ses-v2-local/dist/store') as { saveEmail: (email: SesStoreEmail) => void };
const recorders = new Set<(email: SesStoreEmail) => void>();
let wrapped = false;

function recordSesEmails(recorder: (email: SesStoreEmail) => void): () => void {
  if (!wrapped) {
    const save = sesStore.saveEmail;
    sesStore.saveEmail = (email) => {
      save(email);
      for (const record of recorders) record(email);
    };
    wrapped = true;
  }
  recorders.add(recorder);
  return () => recorders.delete(recorder);
}

/** Opens (or creates) the mail store of a data folder and records every email the local SES accepts from now on. */
export function openMailStore(dataDir: string): MailStore {
  const dir = path.join(dataDir, 'mail');
  const file = path.join(dir, 'emails.jsonl');
  mkdirSync(dir, { recursive: true });
  const emails: LocalEmail[] = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as LocalEmail];
          } catch {
            return []; // a line cut short by a crash
          }
        })
    : [];
  const stop = recordSesEmails((email) => {
    const local = toLocalEmail(email);
    emails.push(local);
    appendFileSync(file, `${JSON.stringify(local)}\n`, { mode: 0o600 });
  });
  return {
    list: () => [...emails],
    close: stop,
  };
}
