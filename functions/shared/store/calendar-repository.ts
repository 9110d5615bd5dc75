import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';
import type { YearNotice } from '../domain/calendar-notice';
import { forgetCachedSettings } from './settings-cache';

/** A year's holiday notice as stored: every version is kept; the current one is what the calendar uses. */
export interface StoredYearNotice extends YearNotice {
  version: number;
  updatedAt: string;
  updatedBy: string;
}

/** Another administrator stored the year meanwhile: the caller reads again. */
export class CalendarVersionConflictError extends Error {
  override name = 'CalendarVersionConflictError';
  constructor(readonly year: number) {
    super(`${year} 年节假日安排已被他人修改，请刷新后重试`);
  }
}

const CURRENT_PK = 'CALENDARS';
const currentKey = (year: number) => ({ pk: CURRENT_PK, sk: `YEAR#${year}` });
const versionKey = (year: number, version: number) => ({
  pk: `CALENDAR#${year}`,
  sk: `V#${String(version).padStart(6, '0')}`,
});

function toNotice(item: Record<string, unknown>): StoredYearNotice {
  return {
    year: Number(item.year),
    noticeNumber: String(item.noticeNumber),
    publishedOn: String(item.publishedOn),
    holidays: (item.holidays as string[] | undefined) ?? [],
    workdays: (item.workdays as string[] | undefined) ?? [],
    version: Number(item.version),
    updatedAt: String(item.updatedAt),
    updatedBy: String(item.updatedBy),
  };
}

/**
 * The entered holiday notices (design.md §9): the current version of each year in one partition (a few items,
 * read by every function at each invocation to know the calendar in force), and every version under its year.
 */
export function makeCalendarRepository(client: DynamoDBDocumentClient, tableName: string) {
  return {
    /** The current notice of every entered year, by year. */
    async list(): Promise<StoredYearNotice[]> {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': CURRENT_PK },
        ConsistentRead: true,
      });
      return items.map(toNotice).sort((a, b) => a.year - b.year);
    },
    async get(year: number): Promise<StoredYearNotice | undefined> {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: currentKey(year), ConsistentRead: true }),
      );
      return Item ? toNotice(Item) : undefined;
    },
    /** Every stored version of a year, oldest first. */
    async versions(year: number): Promise<StoredYearNotice[]> {
      const { Items } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `CALENDAR#${year}` },
          ConsistentRead: true,
        }),
      );
      return (Items ?? []).map(toNotice);
    },
    /**
     * Stores the next version of a year: the version item (conditional: a concurrent store of the same version
     * fails), then the current pointer (conditional on the version it replaces).
     */
    async put(notice: YearNotice, by: string, at: string): Promise<StoredYearNotice> {
      const previous = await this.get(notice.year);
      const stored: StoredYearNotice = {
        year: notice.year,
        noticeNumber: notice.noticeNumber,
        publishedOn: notice.publishedOn,
        holidays: [...notice.holidays],
        workdays: [...notice.workdays],
        version: (previous?.version ?? 0) + 1,
        updatedAt: at,
        updatedBy: by,
      };
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...versionKey(notice.year, stored.version), ...stored },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...currentKey(notice.year), ...stored },
            ConditionExpression: previous ? 'version = :previous' : 'attribute_not_exists(pk)',
            ...(previous ? { ExpressionAttributeValues: { ':previous': previous.version } } : {}),
          }),
        );
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException')
          throw new CalendarVersionConflictError(notice.year);
        throw error;
      } finally {
        forgetCachedSettings();
      }
      return stored;
    },
  };
}
export type CalendarRepository = ReturnType<typeof makeCalendarRepository>;
