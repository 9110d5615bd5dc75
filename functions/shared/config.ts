/**
 * Lambda configuration, read once at cold start; a missing value fails fast with its name.
 * (The local runtime sets the same variables before it loads a handler.)
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export interface ServiceConfig {
  tableName: string;
  bucketName: string;
  senderEmail: string;
  configurationSet?: string;
  /** Only functions that start or stop timelines have it (the tracker itself must not: it would be a cycle). */
  timelineArn?: string;
  /** The private bucket of case documents and attachments (`CaseFiles` construct). */
  caseFilesBucketName?: string;
}

let cached: ServiceConfig | undefined;

/** The configuration of this container (memoised: environment variables do not change while it lives). */
export function config(): ServiceConfig {
  cached ??= {
    tableName: required('CASE_TABLE_NAME'),
    bucketName: required('REPORT_BUCKET_NAME'),
    senderEmail: required('SENDER_EMAIL'),
    ...(process.env.SES_CONFIGURATION_SET ? { configurationSet: process.env.SES_CONFIGURATION_SET } : {}),
    ...(process.env.TIMELINE_STATE_MACHINE_ARN ? { timelineArn: process.env.TIMELINE_STATE_MACHINE_ARN } : {}),
    ...(process.env.CASE_FILES_BUCKET_NAME ? { caseFilesBucketName: process.env.CASE_FILES_BUCKET_NAME } : {}),
  };
  return cached;
}

/**
 * The site's public address, for links in emails and documents. Read at each use, not memoised with the rest: the
 * local runtime learns its port only when its front listens, after the first handlers (the outbox sender) loaded.
 */
export function publicBaseUrl(): string {
  return process.env.PUBLIC_BASE_URL ?? 'http://localhost:3000';
}

/** The case-files bucket, for the functions that write or serve documents and attachments. */
export function caseFilesBucketName(): string {
  return config().caseFilesBucketName ?? required('CASE_FILES_BUCKET_NAME');
}

/** The reply timeline's ARN, for the functions that control timelines. */
export function timelineArn(): string {
  return config().timelineArn ?? required('TIMELINE_STATE_MACHINE_ARN');
}

/** Local runtime only: forget the memoised configuration (a test may start a second local system). */
export function resetConfig(): void {
  cached = undefined;
}
