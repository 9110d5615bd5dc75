import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';
import type { ReportStatus } from '../domain/annual-report/types';

/** One published revision: 1 at first publication, one more per correction (design.md §9). */
export interface ReportRevisionRecord {
  revision: number;
  publishedAt: string;
  publishedBy: string;
  /** The 更正说明 (corrections only). */
  reason?: string;
}

/** The status item of an agency-year's report: a draft until an officer publishes it, then its revisions. */
export interface ReportStatusRecord {
  agencyId: string;
  year: number;
  status: ReportStatus;
  generatedAt: string;
  generatedBy: string;
  publishedAt?: string;
  publishedBy?: string;
  /** The latest published revision (1 for a report published before revisions were kept). */
  revision?: number;
  revisions?: ReportRevisionRecord[];
  /** Set when an act was dated into the year after publication: the report needs a correction. */
  correctionNeeded?: { since: string; notes: string[] };
}

export const statusKey = (agencyId: string, year: number) => ({ pk: `AGENCY#${agencyId}`, sk: `REPORT#${year}` });
export const readyNoticeKey = (agencyId: string, year: number) => ({
  pk: `AGENCY#${agencyId}`,
  sk: `REPORT#${year}#READY`,
});
export const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

export function statusOf(item: Record<string, unknown>): ReportStatusRecord {
  const published = item.status === 'published';
  const revisions = Array.isArray(item.revisions) ? (item.revisions as ReportRevisionRecord[]) : undefined;
  return {
    agencyId: String(item.agencyId),
    year: Number(item.year),
    status: published ? 'published' : 'draft',
    generatedAt: String(item.generatedAt),
    generatedBy: String(item.generatedBy),
    ...(item.publishedAt ? { publishedAt: String(item.publishedAt) } : {}),
    ...(item.publishedBy ? { publishedBy: String(item.publishedBy) } : {}),
    ...(published ? { revision: Number(item.revision ?? 1) } : {}),
    ...(published
      ? {
          revisions: revisions ?? [
            { revision: 1, publishedAt: String(item.publishedAt), publishedBy: String(item.publishedBy ?? '') },
          ],
        }
      : {}),
    ...(item.correctionNeededSince
      ? {
          correctionNeeded: {
            since: String(item.correctionNeededSince),
            // Distinct: a retried act (an appeal's client token) may note the same change again.
            notes: Array.isArray(item.correctionNotes) ? [...new Set(item.correctionNotes.map(String))] : [],
          },
        }
      : {}),
  };
}

/**
 * The status items of reports (pk `AGENCY#<agencyId>`, sk `REPORT#<year>` in the case table), without S3: what the
 * cases function needs to warn about acts dated into a published year.
 */
export function makeReportStatusRepository(client: DynamoDBDocumentClient, tableName: string) {
  return {
    /** The status of an agency-year's report, or undefined when none was generated. */
    async getStatus(agencyId: string, year: number): Promise<ReportStatusRecord | undefined> {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: statusKey(agencyId, year), ConsistentRead: true }),
      );
      return Item ? statusOf(Item) : undefined;
    },

    /**
     * Records on a published report that an act changed its year's data (one conditional update; nothing when the
     * report is not published). True when the report is published.
     */
    async markCorrectionNeeded(agencyId: string, year: number, at: string, note: string): Promise<boolean> {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: statusKey(agencyId, year),
            UpdateExpression:
              'SET correctionNeededSince = if_not_exists(correctionNeededSince, :at), correctionNotes = list_append(if_not_exists(correctionNotes, :none), :note)',
            ConditionExpression: 'attribute_exists(publishedAt)',
            ExpressionAttributeValues: { ':at': at, ':none': [], ':note': [note.slice(0, 200)] },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /** The published reports of one agency, by year (newest first). */
    async listPublished(agencyId: string): Promise<ReportStatusRecord[]> {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        FilterExpression: '#s = :published',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':pk': `AGENCY#${agencyId}`, ':sk': 'REPORT#', ':published': 'published' },
      });
      return items.map(statusOf).sort((a, b) => b.year - a.year);
    },
  };
}
export type ReportStatusRepository = ReturnType<typeof makeReportStatusRepository>;
