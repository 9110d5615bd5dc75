import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';
import { forgetCachedSettings } from './settings-cache';

/** An agency (行政机关) that accepts applications: its OGI office and the head who approves extensions. */
export interface Agency {
  agencyId: string;
  name: string;
  /** Receipt numbers are `<prefix>-<year>-<6 digits>`. */
  receiptPrefix: string;
  /** The OGI office (政府信息公开工作机构): receives new-application notices and reminders. */
  officeEmail: string;
  /** Head of the office: approves extensions, receives overdue escalations. */
  headEmail: string;
  /** Document numbers (文号) are `<letterPrefix>〔YYYY〕N号` (design.md §9). */
  letterPrefix: string;
  /** The organ that hears an administrative review (行政复议机关) of this agency's replies; named in every reply letter. */
  reviewOrgan: string;
  /** The court of first instance for an administrative suit (行政诉讼) against this agency; named in every reply letter. */
  court: string;
  /** The OGI office's postal address, printed on letters. */
  address: string;
  /** The OGI office's telephone, printed on letters. */
  phone: string;
  /** The agency above it (a town's county), for roll-ups; absent for a top agency. */
  parentAgencyId?: string;
}

/** An agency as stored by the administration: its settings and who changed them last. */
export interface StoredAgency extends Agency {
  createdAt?: string;
  updatedAt?: string;
  updatedBy?: string;
}

/** Another agency already uses (or once used) this receipt prefix: receipt numbers must stay unique. */
export class ReceiptPrefixTakenError extends Error {
  override name = 'ReceiptPrefixTakenError';
  constructor(
    readonly receiptPrefix: string,
    readonly holder: string,
  ) {
    super(`受理编号前缀 ${receiptPrefix} 已由机关 ${holder} 使用`);
  }
}

const AGENCIES_PK = 'AGENCIES';
const agencyKey = (agencyId: string) => ({ pk: AGENCIES_PK, sk: `AGENCY#${agencyId}` });
/** A receipt prefix belongs to one agency for ever (numbers already issued under it keep meaning that agency). */
const prefixKey = (receiptPrefix: string) => ({ pk: 'RECEIPT_PREFIX', sk: receiptPrefix });

/** Agencies live in one partition (there are tens, not thousands): listing them is one Query. */
export function makeAgencyRepository(client: DynamoDBDocumentClient, tableName: string) {
  return {
    async get(agencyId: string): Promise<Agency | undefined> {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: agencyKey(agencyId) }));
      return Item ? toAgency(Item) : undefined;
    },
    async list(): Promise<Agency[]> {
      return (await this.listItems()).map(toAgency);
    },
    /** Every agency with its administration fields (who changed it last, when). */
    async listStored(): Promise<StoredAgency[]> {
      return (await this.listItems()).map(toStored);
    },
    async listItems(): Promise<Record<string, unknown>[]> {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': AGENCIES_PK },
      });
      return items.sort((a, b) => String(a.agencyId).localeCompare(String(b.agencyId)));
    },
    /**
     * Stores an agency's settings (create or replace). Its receipt prefix is claimed first (one conditional
     * write; `ReceiptPrefixTakenError` when another agency holds it), then the agency is written. Numbers and
     * documents already issued are stored with their cases and never rewritten.
     */
    async put(agency: StoredAgency): Promise<void> {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...prefixKey(agency.receiptPrefix), agencyId: agency.agencyId },
            ConditionExpression: 'attribute_not_exists(pk) OR agencyId = :agencyId',
            ExpressionAttributeValues: { ':agencyId': agency.agencyId },
          }),
        );
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
        const { Item } = await client.send(
          new GetCommand({ TableName: tableName, Key: prefixKey(agency.receiptPrefix), ConsistentRead: true }),
        );
        throw new ReceiptPrefixTakenError(agency.receiptPrefix, String(Item?.agencyId ?? ''));
      }
      await client.send(new PutCommand({ TableName: tableName, Item: { ...agencyKey(agency.agencyId), ...agency } }));
      forgetCachedSettings();
    },
    /** The stored item of an agency with its administration fields. */
    async getStored(agencyId: string): Promise<StoredAgency | undefined> {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: agencyKey(agencyId), ConsistentRead: true }),
      );
      return Item ? toStored(Item) : undefined;
    },
    /** Creates the agency unless it exists (seeding is idempotent). Returns whether it was created. */
    async createIfAbsent(agency: Agency): Promise<boolean> {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...agencyKey(agency.agencyId), ...agency },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        forgetCachedSettings();
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },
  };
}
export type AgencyRepository = ReturnType<typeof makeAgencyRepository>;

function toAgency(item: Record<string, unknown>): Agency {
  return {
    agencyId: String(item.agencyId),
    name: String(item.name),
    receiptPrefix: String(item.receiptPrefix),
    officeEmail: String(item.officeEmail),
    headEmail: String(item.headEmail),
    // Agencies stored before these settings existed read as empty (the letters then use generic wording).
    letterPrefix: String(item.letterPrefix ?? ''),
    reviewOrgan: String(item.reviewOrgan ?? ''),
    court: String(item.court ?? ''),
    address: String(item.address ?? ''),
    phone: String(item.phone ?? ''),
    ...(item.parentAgencyId ? { parentAgencyId: String(item.parentAgencyId) } : {}),
  };
}

function toStored(item: Record<string, unknown>): StoredAgency {
  return {
    ...toAgency(item),
    ...(item.createdAt ? { createdAt: String(item.createdAt) } : {}),
    ...(item.updatedAt ? { updatedAt: String(item.updatedAt) } : {}),
    ...(item.updatedBy ? { updatedBy: String(item.updatedBy) } : {}),
  };
}
