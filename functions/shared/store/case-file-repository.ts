import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { AttachmentPurpose, AttachmentType } from '../domain/attachments';
import type { DocumentKind } from '../domain/documents';
import type { Instant, LocalDate } from '../domain/model';

/**
 * The records of a case file beside the case item (same partition `CASE#<caseId>`): its documents
 * (`DOC#<documentId>`) with their number and email service, its attachments (`ATT#<attachmentId>`), and the
 * counters: documents per agency and year (`COUNTER#<agencyId>` / `LETTER#<year>`, gapless like receipt
 * numbers) and attachments per case (`ATTCOUNT`, bounded by a conditional write).
 */

export interface DocumentRecord {
  caseId: string;
  documentId: string;
  kind: DocumentKind;
  /** The case event (its `seq`) that caused the document. */
  eventSeq: number;
  /** Absent only while the number is being drawn. */
  number?: string;
  issuedOn: LocalDate;
  title: string;
  forApplicant: boolean;
  /** Whether its files are in the bucket. */
  ready: boolean;
  createdAt: Instant;
}

export interface AttachmentRecord {
  caseId: string;
  attachmentId: string;
  fileName: string;
  contentType: string;
  type: AttachmentType;
  size: number;
  purpose: AttachmentPurpose;
  forApplicant: boolean;
  uploadedBy: 'staff' | 'applicant';
  /** `pending` until the uploader completes and the first bytes match; only `available` files are listed. */
  status: 'pending' | 'available';
  createdAt: Instant;
  completedAt?: Instant;
}

const documentKey = (caseId: string, documentId: string) => ({ pk: `CASE#${caseId}`, sk: `DOC#${documentId}` });
const attachmentKey = (caseId: string, attachmentId: string) => ({ pk: `CASE#${caseId}`, sk: `ATT#${attachmentId}` });
const attachmentCountKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'ATTCOUNT' });
const letterCounterKey = (agencyId: string, year: number) => ({ pk: `COUNTER#${agencyId}`, sk: `LETTER#${year}` });
const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}

async function queryPrefix<T>(client: DynamoDBDocumentClient, tableName: string, caseId: string, prefix: string) {
  const items: T[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': `CASE#${caseId}`, ':p': prefix },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []).map((i) => strip<T>(i)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

export function makeCaseFileRepository(client: DynamoDBDocumentClient, tableName: string) {
  return {
    async listDocuments(caseId: string): Promise<DocumentRecord[]> {
      const docs = await queryPrefix<DocumentRecord>(client, tableName, caseId, 'DOC#');
      return docs.sort((a, b) => a.eventSeq - b.eventSeq);
    },

    async getDocument(caseId: string, documentId: string): Promise<DocumentRecord | undefined> {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: documentKey(caseId, documentId), ConsistentRead: true }),
      );
      return Item ? strip<DocumentRecord>(Item) : undefined;
    },

    /** Claims a document (no number yet); false when it exists already (another writer issues it). */
    async claimDocument(record: Omit<DocumentRecord, 'number' | 'ready'>): Promise<boolean> {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...documentKey(record.caseId, record.documentId), ...record, ready: false },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /** The next document sequence of an agency and year (atomic counter: never shared, never skipped by a retry). */
    async nextLetterSequence(agencyId: string, year: number): Promise<number> {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: letterCounterKey(agencyId, year),
          UpdateExpression: 'ADD #n :one',
          ExpressionAttributeNames: { '#n': 'next' },
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(Attributes?.next);
    },

    /** Gives the claimed document its number (once). */
    async setNumber(caseId: string, documentId: string, number: string): Promise<void> {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: documentKey(caseId, documentId),
          UpdateExpression: 'SET #num = :n',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#num)',
          ExpressionAttributeNames: { '#num': 'number' },
          ExpressionAttributeValues: { ':n': number },
        }),
      );
    },

    async markReady(caseId: string, documentId: string): Promise<void> {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: documentKey(caseId, documentId),
          UpdateExpression: 'SET ready = :t',
          ExpressionAttributeValues: { ':t': true },
        }),
      );
    },

    async listAttachments(caseId: string): Promise<AttachmentRecord[]> {
      const items = await queryPrefix<AttachmentRecord>(client, tableName, caseId, 'ATT#');
      return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },

    async getAttachment(caseId: string, attachmentId: string): Promise<AttachmentRecord | undefined> {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: attachmentKey(caseId, attachmentId), ConsistentRead: true }),
      );
      return Item ? strip<AttachmentRecord>(Item) : undefined;
    },

    /**
     * Takes one of the case's `max` attachment places (a conditional ADD, so concurrent uploads never exceed
     * it); false when all are taken.
     */
    async takeAttachmentPlace(caseId: string, max: number): Promise<boolean> {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: attachmentCountKey(caseId),
            UpdateExpression: 'ADD #n :one',
            ConditionExpression: 'attribute_not_exists(#n) OR #n < :max',
            ExpressionAttributeNames: { '#n': 'count' },
            ExpressionAttributeValues: { ':one': 1, ':max': max },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async giveBackAttachmentPlace(caseId: string): Promise<void> {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: attachmentCountKey(caseId),
          UpdateExpression: 'ADD #n :minus',
          ConditionExpression: '#n > :zero',
          ExpressionAttributeNames: { '#n': 'count' },
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
        }),
      );
    },

    async createAttachment(record: AttachmentRecord): Promise<void> {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...attachmentKey(record.caseId, record.attachmentId), ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    /** Marks a pending attachment available; false when it was not pending (completed twice, or removed). */
    async completeAttachment(caseId: string, attachmentId: string, size: number, at: Instant): Promise<boolean> {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: attachmentKey(caseId, attachmentId),
            UpdateExpression: 'SET #s = :available, completedAt = :at, #size = :size',
            ConditionExpression: '#s = :pending',
            ExpressionAttributeNames: { '#s': 'status', '#size': 'size' },
            ExpressionAttributeValues: { ':available': 'available', ':pending': 'pending', ':at': at, ':size': size },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async deleteAttachment(caseId: string, attachmentId: string): Promise<void> {
      await client.send(new DeleteCommand({ TableName: tableName, Key: attachmentKey(caseId, attachmentId) }));
    },
  };
}
export type CaseFileRepository = ReturnType<typeof makeCaseFileRepository>;
