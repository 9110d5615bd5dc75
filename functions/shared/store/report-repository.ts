import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { s3Module, type S3ClientSource } from '../aws/s3-on-demand';
import type { AnnualReport, ReportEvidence, ReportEvidenceLink } from '../domain/annual-report/types';
import {
  isConditionFailure,
  makeReportStatusRepository,
  readyNoticeKey,
  statusKey,
  type ReportRevisionRecord,
  type ReportStatusRecord,
} from './report-status-repository';

export type { ReportRevisionRecord, ReportStatusRecord } from './report-status-repository';
export { makeReportStatusRepository, type ReportStatusRepository } from './report-status-repository';

const isMissingObject = (error: unknown) => ['NoSuchKey', 'NotFound'].includes((error as Error).name);

/** The four files of a report, `reports/<agencyId>/<year>/report.<format>`. */
export const REPORT_FORMATS = ['json', 'md', 'html', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The content type each file is stored and served with. */
export const REPORT_CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The rendered files of one report. */
export type ReportFiles = Readonly<Record<ReportFormat, string | Uint8Array>>;

/** A published report is never overwritten: raised by a write that would replace it. */
export class ReportPublishedError extends Error {
  override readonly name = 'ReportPublishedError';
  constructor(
    readonly agencyId: string,
    readonly year: number,
  ) {
    super(`${agencyId} ${year} 年度报告已发布，不能重新生成或修改`);
  }
}

/** A correction raced another (or the report is not published): the expected revision is no longer the latest. */
export class ReportRevisionConflictError extends Error {
  override readonly name = 'ReportRevisionConflictError';
  constructor(
    readonly agencyId: string,
    readonly year: number,
    readonly expectedRevision: number,
  ) {
    super(`${year}年度报告已有比第${expectedRevision}版更新的版本，请刷新后重试`);
  }
}

/** Where a report's files live: the current ones, or a published revision's (kept for ever). */
export type ReportVersion = 'current' | { revision: number };

const folder = (agencyId: string, year: number, version: ReportVersion): string =>
  version === 'current' ? `reports/${agencyId}/${year}` : `reports/${agencyId}/${year}/revisions/${version.revision}`;

/** The S3 key of one file of a report (`reports/<agencyId>/<year>/report.<format>` for the current one). */
export const reportKey = (
  agencyId: string,
  year: number,
  format: ReportFormat,
  version: ReportVersion = 'current',
): string => `${folder(agencyId, year, version)}/report.${format}`;

/** The S3 key of a report's evidence (the case ids behind each cell), beside its files. */
export const evidenceKey = (agencyId: string, year: number, version: ReportVersion = 'current'): string =>
  `${folder(agencyId, year, version)}/evidence.json`;

/** How long an evidence link lives (seconds). */
export const EVIDENCE_LINK_SECONDS = 15 * 60;

/**
 * Annual reports: the status item in the case table and the files in the versioned reports bucket. Every write of
 * the status item is conditional (a draft only while unpublished; the first publication once; a correction only on
 * top of the revision it was built after), and the files are written only after it succeeded. The current files
 * (`reports/<agencyId>/<year>/report.*`) are the draft, then the latest published revision; every published revision
 * is also kept under `revisions/<N>/`. Each report's evidence (case ids per cell) is stored beside it.
 */
export function makeReportRepository(
  client: DynamoDBDocumentClient,
  tableName: string,
  s3: S3ClientSource,
  bucketName: string,
) {
  const statuses = makeReportStatusRepository(client, tableName);
  /** The S3 client and commands, loaded with the first file read or written (issue 17). */
  const sdk = async () => {
    const [reportsS3, module] = await Promise.all([s3(), s3Module()]);
    return {
      reportsS3,
      GetObjectCommand: module.GetObjectCommand,
      PutObjectCommand: module.PutObjectCommand,
      getSignedUrl: module.getSignedUrl,
    };
  };

  const put = async (Key: string, Body: string | Uint8Array, ContentType: string) => {
    const { reportsS3, PutObjectCommand } = await sdk();
    return reportsS3.send(new PutObjectCommand({ Bucket: bucketName, Key, Body, ContentType }));
  };

  async function putFiles(
    agencyId: string,
    year: number,
    version: ReportVersion,
    files: ReportFiles,
    evidence: ReportEvidence,
  ): Promise<void> {
    await Promise.all([
      ...REPORT_FORMATS.map((format) =>
        put(reportKey(agencyId, year, format, version), files[format], REPORT_CONTENT_TYPES[format]),
      ),
      put(evidenceKey(agencyId, year, version), JSON.stringify(evidence), REPORT_CONTENT_TYPES.json),
    ]);
  }

  async function getObject(Key: string): Promise<Uint8Array | undefined> {
    const { reportsS3, GetObjectCommand } = await sdk();
    try {
      const object = await reportsS3.send(new GetObjectCommand({ Bucket: bucketName, Key }));
      return object.Body ? await object.Body.transformToByteArray() : undefined;
    } catch (error) {
      if (isMissingObject(error)) return undefined;
      throw error;
    }
  }

  return {
    ...statuses,

    /** Stores a draft, its files and its evidence; `ReportPublishedError` when the report is already published. */
    async saveDraft(
      record: { agencyId: string; year: number; generatedAt: string; generatedBy: string },
      files: ReportFiles,
      evidence: ReportEvidence,
    ): Promise<void> {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...statusKey(record.agencyId, record.year), ...record, status: 'draft' },
            ConditionExpression: 'attribute_not_exists(publishedAt)',
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new ReportPublishedError(record.agencyId, record.year);
        throw error;
      }
      await putFiles(record.agencyId, record.year, 'current', files, evidence);
    },

    /**
     * Marks the report published as revision 1 (one conditional write: only the first publication succeeds), then
     * stores its files as the current ones and as revision 1; `ReportPublishedError` when it was published already.
     */
    async publish(
      record: { agencyId: string; year: number; generatedAt: string; publishedAt: string; publishedBy: string },
      files: ReportFiles,
      evidence: ReportEvidence,
    ): Promise<void> {
      const first: ReportRevisionRecord = {
        revision: 1,
        publishedAt: record.publishedAt,
        publishedBy: record.publishedBy,
      };
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: statusKey(record.agencyId, record.year),
            UpdateExpression:
              'SET agencyId = :a, #y = :y, #s = :s, generatedAt = :g, generatedBy = if_not_exists(generatedBy, :b), publishedAt = :p, publishedBy = :b, revision = :r, revisions = :rs REMOVE correctionNeededSince, correctionNotes',
            ConditionExpression: 'attribute_not_exists(publishedAt)',
            ExpressionAttributeNames: { '#y': 'year', '#s': 'status' },
            ExpressionAttributeValues: {
              ':a': record.agencyId,
              ':y': record.year,
              ':s': 'published',
              ':g': record.generatedAt,
              ':p': record.publishedAt,
              ':b': record.publishedBy,
              ':r': 1,
              ':rs': [first],
            },
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new ReportPublishedError(record.agencyId, record.year);
        throw error;
      }
      await putFiles(record.agencyId, record.year, { revision: 1 }, files, evidence);
      await putFiles(record.agencyId, record.year, 'current', files, evidence);
    },

    /**
     * Publishes a correction as the revision after `expectedRevision` (one conditional write on the revision, so two
     * officers correcting at once make one revision), then stores its files as that revision and as the current
     * ones, and clears the "correction needed" mark. `ReportRevisionConflictError` when the latest is not
     * `expectedRevision`.
     */
    async correct(
      record: {
        agencyId: string;
        year: number;
        generatedAt: string;
        publishedAt: string;
        publishedBy: string;
        reason: string;
      },
      previous: Pick<ReportStatusRecord, 'revision' | 'revisions'>,
      files: ReportFiles,
      evidence: ReportEvidence,
    ): Promise<number> {
      const expected = previous.revision ?? 1;
      const revision = expected + 1;
      const revisions: ReportRevisionRecord[] = [
        ...(previous.revisions ?? []),
        { revision, publishedAt: record.publishedAt, publishedBy: record.publishedBy, reason: record.reason },
      ];
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: statusKey(record.agencyId, record.year),
            UpdateExpression:
              'SET generatedAt = :g, publishedAt = :p, publishedBy = :b, revision = :r, revisions = :rs REMOVE correctionNeededSince, correctionNotes',
            // A report published before revisions were kept has no `revision`: it is revision 1.
            ConditionExpression:
              expected === 1
                ? 'attribute_exists(publishedAt) AND (revision = :expected OR attribute_not_exists(revision))'
                : 'attribute_exists(publishedAt) AND revision = :expected',
            ExpressionAttributeValues: {
              ':g': record.generatedAt,
              ':p': record.publishedAt,
              ':b': record.publishedBy,
              ':r': revision,
              ':rs': revisions,
              ':expected': expected,
            },
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new ReportRevisionConflictError(record.agencyId, record.year, expected);
        throw error;
      }
      await putFiles(record.agencyId, record.year, { revision }, files, evidence);
      await putFiles(record.agencyId, record.year, 'current', files, evidence);
      return revision;
    },

    /**
     * Claims the "draft ready" email of an agency-year: true the first time, false ever after, so a retried
     * scheduled run never emails an office twice.
     */
    async claimReadyNotice(agencyId: string, year: number, at: string): Promise<boolean> {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...readyNoticeKey(agencyId, year), agencyId, year, at },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /** Gives the claim back when the email could not be sent, so a retry sends it. */
    async releaseReadyNotice(agencyId: string, year: number): Promise<void> {
      await client.send(new DeleteCommand({ TableName: tableName, Key: readyNoticeKey(agencyId, year) }));
    },

    /** One stored file of a report (current, or a kept revision) with its content type, or undefined. */
    async getFile(
      agencyId: string,
      year: number,
      format: ReportFormat,
      version: ReportVersion = 'current',
    ): Promise<{ body: Uint8Array; contentType: string } | undefined> {
      const body = await getObject(reportKey(agencyId, year, format, version));
      return body ? { body, contentType: REPORT_CONTENT_TYPES[format] } : undefined;
    },

    /** The stored `report.json` (current, or a kept revision), parsed, or undefined when it does not exist. */
    async getReport(
      agencyId: string,
      year: number,
      version: ReportVersion = 'current',
    ): Promise<AnnualReport | undefined> {
      const body = await getObject(reportKey(agencyId, year, 'json', version));
      return body ? (JSON.parse(Buffer.from(body).toString('utf8')) as AnnualReport) : undefined;
    },

    /**
     * The latest published revision of an agency-year (what carry-over checks and roll-ups use, design.md §9), or
     * undefined when the year is not published: a draft is never returned.
     */
    async getPublishedReport(agencyId: string, year: number): Promise<AnnualReport | undefined> {
      const status = await statuses.getStatus(agencyId, year);
      if (status?.status !== 'published') return undefined;
      const report = await this.getReport(agencyId, year, 'current');
      return report?.status === 'published' ? report : undefined;
    },

    /**
     * A presigned link (15 minutes) to a report's evidence file. Signed on the wall clock (S3's own), not the
     * system clock, which a local demo may have moved.
     */
    async evidenceLink(agencyId: string, year: number, version: ReportVersion): Promise<ReportEvidenceLink> {
      const { reportsS3, getSignedUrl, GetObjectCommand } = await sdk();
      const signedAt = new Date();
      const url = await getSignedUrl(
        reportsS3,
        new GetObjectCommand({ Bucket: bucketName, Key: evidenceKey(agencyId, year, version) }),
        { expiresIn: EVIDENCE_LINK_SECONDS, signingDate: signedAt },
      );
      return { url, expiresAt: new Date(signedAt.getTime() + EVIDENCE_LINK_SECONDS * 1000).toISOString() };
    },
  };
}
export type ReportRepository = ReturnType<typeof makeReportRepository>;
