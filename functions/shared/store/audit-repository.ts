import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The audit trail of what staff read out of the system in bulk (design.md §9: a ledger export is logged) and of
 * corrections of recorded data (an appeal's record, issue #14: why, and the values replaced): one item per event
 * under the agency, newest last. Holds who, what and when — never the exported data.
 */
export interface AuditEntry {
  agencyId: string;
  actor: string;
  action: 'ledger_export' | 'appeal_correction';
  at: string;
  detail: Record<string, string | number>;
  /** A correction's replaced values and the values written, field by field. */
  previous?: Record<string, string>;
  next?: Record<string, string>;
}

const auditKey = (agencyId: string, at: string) => ({ pk: `AUDIT#${agencyId}`, sk: `${at}#${randomUUID()}` });

export function makeAuditRepository(client: DynamoDBDocumentClient, tableName: string) {
  return {
    async record(entry: AuditEntry): Promise<void> {
      await client.send(
        new PutCommand({ TableName: tableName, Item: { ...auditKey(entry.agencyId, entry.at), ...entry } }),
      );
    },

    /** An agency's audit entries, oldest first. */
    async list(agencyId: string): Promise<AuditEntry[]> {
      const { Items } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': `AUDIT#${agencyId}` },
        }),
      );
      return (Items ?? []).map(({ pk: _pk, sk: _sk, ...entry }) => entry as AuditEntry);
    },
  };
}
export type AuditRepository = ReturnType<typeof makeAuditRepository>;
