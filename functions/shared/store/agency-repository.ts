import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

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
}

const AGENCIES_PK = 'AGENCIES';
const agencyKey = (agencyId: string) => ({ pk: AGENCIES_PK, sk: `AGENCY#${agencyId}` });

/** Agencies live in one partition (there are tens, not thousands): listing them is one Query. */
export function makeAgencyRepository(client: DynamoDBDocumentClient, tableName: string) {
  return {
    async get(agencyId: string): Promise<Agency | undefined> {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: agencyKey(agencyId) }));
      return Item ? toAgency(Item) : undefined;
    },
    async list(): Promise<Agency[]> {
      const items: Record<string, unknown>[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': AGENCIES_PK },
            ExclusiveStartKey,
          }),
        );
        items.push(...(page.Items ?? []));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items.map(toAgency).sort((a, b) => a.agencyId.localeCompare(b.agencyId));
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
  };
}
