import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { YearData } from '../domain/annual-report/types';

/**
 * The year data (年度数据) staff enter for an agency's annual report: sections 二 and 四 and the narrative of
 * sections 一, 五, 六 (design.md §5 "Year data"), with who last changed it and when.
 */
export interface YearDataRecord {
  agencyId: string;
  year: number;
  data: YearData;
  /** ISO instant of the last change. */
  updatedAt: string;
  /** The staff member (`sub`) who made it. */
  updatedBy: string;
}

const yearDataKey = (agencyId: string, year: number) => ({ pk: `AGENCY#${agencyId}`, sk: `YEAR#${year}` });

/** Year data items (pk `AGENCY#<agencyId>`, sk `YEAR#<year>`) in the case table. No business rules here. */
export function makeYearDataRepository(client: DynamoDBDocumentClient, tableName: string) {
  return {
    /** The year data of an agency and year, or undefined when nobody has entered it. */
    async get(agencyId: string, year: number): Promise<YearDataRecord | undefined> {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: yearDataKey(agencyId, year), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      return {
        agencyId: String(Item.agencyId),
        year: Number(Item.year),
        data: Item.data as YearData,
        updatedAt: String(Item.updatedAt),
        updatedBy: String(Item.updatedBy),
      };
    },

    /** Stores (replaces) the year data of an agency and year. */
    async put(record: YearDataRecord): Promise<void> {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...yearDataKey(record.agencyId, record.year), ...record },
        }),
      );
    },
  };
}
export type YearDataRepository = ReturnType<typeof makeYearDataRepository>;
