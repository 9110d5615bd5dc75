import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { AnnualReport, ReportStatus } from '../domain/annual-report';

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

/** The status item of an agency-year's report: a draft until an officer publishes it, then frozen. */
export interface ReportStatusRecord {
  agencyId: string;
  year: number;
  status: ReportStatus;
  generatedAt: string;
  generatedBy: string;
  publishedAt?: string;
  publishedBy?: string;
}

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

/** The S3 key of one file of a report. */
export const reportKey = (agencyId: string, year: number, format: ReportFormat): string =>
  `reports/${agencyId}/${year}/report.${format}`;

const statusKey = (agencyId: string, year: number) => ({ pk: `AGENCY#${agencyId}`, sk: `REPORT#${year}` });
const readyNoticeKey = (agencyId: string, year: number) => ({ pk: `AGENCY#${agencyId}`, sk: `REPORT#${year}#READY` });
const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';
const isMissingObject = (error: unknown) => ['NoSuchKey', 'NotFound'].includes((error as Error).name);

/**
 * Annual reports: the status item in the case table (pk `AGENCY#<agencyId>`, sk `REPORT#<year>`) and the four
 * files in the versioned reports bucket. Every write of the status item is conditional on
 * `attribute_not_exists(publishedAt)`, and the files are written only after it succeeded, so a published
 * report's files are never replaced (the bucket's versions keep every earlier draft).
 */
export function makeReportRepository(
  client: DynamoDBDocumentClient,
  tableName: string,
  s3: S3Client,
  bucketName: string,
) {
  async function putFiles(agencyId: string, year: number, files: ReportFiles): Promise<void> {
    await Promise.all(
      REPORT_FORMATS.map((format) =>
        s3.send(
          new PutObjectCommand({
            Bucket: bucketName,
            Key: reportKey(agencyId, year, format),
            Body: files[format],
            ContentType: REPORT_CONTENT_TYPES[format],
          }),
        ),
      ),
    );
  }

  return {
    /** The status of an agency-year's report, or undefined when none was generated. */
    async getStatus(agencyId: string, year: number): Promise<ReportStatusRecord | undefined> {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: statusKey(agencyId, year), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      return {
        agencyId: String(Item.agencyId),
        year: Number(Item.year),
        status: Item.status === 'published' ? 'published' : 'draft',
        generatedAt: String(Item.generatedAt),
        generatedBy: String(Item.generatedBy),
        ...(Item.publishedAt ? { publishedAt: String(Item.publishedAt) } : {}),
        ...(Item.publishedBy ? { publishedBy: String(Item.publishedBy) } : {}),
      };
    },

    /** Stores a draft and its files; `ReportPublishedError` when the report is already published. */
    async saveDraft(
      record: { agencyId: string; year: number; generatedAt: string; generatedBy: string },
      files: ReportFiles,
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
      await putFiles(record.agencyId, record.year, files);
    },

    /**
     * Marks the report published (one conditional write: only the first publication succeeds) and then stores
     * its files; `ReportPublishedError` when it was published already.
     */
    async publish(
      record: { agencyId: string; year: number; generatedAt: string; publishedAt: string; publishedBy: string },
      files: ReportFiles,
    ): Promise<void> {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: statusKey(record.agencyId, record.year),
            UpdateExpression:
              'SET agencyId = :a, #y = :y, #s = :s, generatedAt = :g, generatedBy = if_not_exists(generatedBy, :b), publishedAt = :p, publishedBy = :b',
            ConditionExpression: 'attribute_not_exists(publishedAt)',
            ExpressionAttributeNames: { '#y': 'year', '#s': 'status' },
            ExpressionAttributeValues: {
              ':a': record.agencyId,
              ':y': record.year,
              ':s': 'published',
              ':g': record.generatedAt,
              ':p': record.publishedAt,
              ':b': record.publishedBy,
            },
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new ReportPublishedError(record.agencyId, record.year);
        throw error;
      }
      await putFiles(record.agencyId, record.year, files);
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

    /** One stored file of a report with its content type, or undefined when it does not exist. */
    async getFile(
      agencyId: string,
      year: number,
      format: ReportFormat,
    ): Promise<{ body: Uint8Array; contentType: string } | undefined> {
      try {
        const object = await s3.send(
          new GetObjectCommand({ Bucket: bucketName, Key: reportKey(agencyId, year, format) }),
        );
        if (!object.Body) return undefined;
        return { body: await object.Body.transformToByteArray(), contentType: REPORT_CONTENT_TYPES[format] };
      } catch (error) {
        if (isMissingObject(error)) return undefined;
        throw error;
      }
    },

    /** The stored `report.json`, parsed, or undefined when it does not exist. */
    async getReport(agencyId: string, year: number): Promise<AnnualReport | undefined> {
      const file = await this.getFile(agencyId, year, 'json');
      return file ? (JSON.parse(Buffer.from(file.body).toString('utf8')) as AnnualReport) : undefined;
    },
  };
}
export type ReportRepository = ReturnType<typeof makeReportRepository>;
