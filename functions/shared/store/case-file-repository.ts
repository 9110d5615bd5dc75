import {
  GetCommand,
  PutCommand,
  UpdateCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';
import type { AttachmentPurpose, AttachmentType } from '../domain/attachments';
import type { DocumentKind } from '../domain/documents/types';
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
  /** When its writer claimed it (real time, ms): a claim never numbered is taken over once it is stale. */
  claimedAtMs?: number;
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

/** A pending upload, as the sweep finds it (design.md §9: an upload never completed is removed). */
export interface PendingUpload {
  caseId: string;
  attachmentId: string;
  createdAt: Instant;
}

/**
 * The case file's store port: {@link makeCaseFileRepository} (DynamoDB) and {@link makeInMemoryCaseFileRepository}.
 */
export interface CaseFileRepository {
  listDocuments(caseId: string): Promise<DocumentRecord[]>;
  getDocument(caseId: string, documentId: string): Promise<DocumentRecord | undefined>;
  /** Claims a document (no number yet); false when it exists already (another writer issues it). */
  claimDocument(record: Omit<DocumentRecord, 'number' | 'ready'>): Promise<boolean>;
  /** Takes over a claim never numbered if it is still the one `seen` was read with (its writer died). */
  reclaimDocument(seen: Pick<DocumentRecord, 'caseId' | 'documentId' | 'claimedAtMs'>): Promise<boolean>;
  /** The next document sequence of an agency and year (atomic counter: never shared, never skipped by a retry). */
  nextLetterSequence(agencyId: string, year: number): Promise<number>;
  /** Gives the claimed document its number (once; a second number throws). */
  setNumber(caseId: string, documentId: string, number: string): Promise<void>;
  markReady(caseId: string, documentId: string): Promise<void>;
  listAttachments(caseId: string): Promise<AttachmentRecord[]>;
  getAttachment(caseId: string, attachmentId: string): Promise<AttachmentRecord | undefined>;
  /** Takes one of the case's `max` attachment places; false when all are taken. */
  takeAttachmentPlace(caseId: string, max: number): Promise<boolean>;
  giveBackAttachmentPlace(caseId: string): Promise<void>;
  /** Records a new (pending) attachment and remembers it among the pending uploads. */
  createAttachment(record: AttachmentRecord): Promise<void>;
  /** Marks a pending attachment available; false when it was not pending (completed twice, or removed). */
  completeAttachment(caseId: string, attachmentId: string, size: number, at: Instant): Promise<boolean>;
  deleteAttachment(caseId: string, attachmentId: string): Promise<void>;
  /** The uploads announced before `before` and neither completed nor removed, oldest first. */
  listPendingUploads(before: Instant): Promise<PendingUpload[]>;
  /** Forgets a pending mark left by a completion interrupted after its write. */
  forgetPendingUpload(caseId: string, attachmentId: string): Promise<void>;
}

const documentKey = (caseId: string, documentId: string) => ({ pk: `CASE#${caseId}`, sk: `DOC#${documentId}` });
const attachmentKey = (caseId: string, attachmentId: string) => ({ pk: `CASE#${caseId}`, sk: `ATT#${attachmentId}` });
/** Every pending upload of every case in one small partition: uploads are completed or swept within the hour. */
const pendingUploadKey = (caseId: string, attachmentId: string) => ({
  pk: 'UPLOADS#PENDING',
  sk: `${caseId}#${attachmentId}`,
});
const attachmentCountKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'ATTCOUNT' });
const letterCounterKey = (agencyId: string, year: number) => ({ pk: `COUNTER#${agencyId}`, sk: `LETTER#${year}` });
const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}

async function queryPrefix<T>(client: DynamoDBDocumentClient, tableName: string, caseId: string, prefix: string) {
  const items = await queryAll(client, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
    ExpressionAttributeValues: { ':pk': `CASE#${caseId}`, ':p': prefix },
    ConsistentRead: true,
  });
  return items.map((i) => strip<T>(i));
}

export function makeCaseFileRepository(client: DynamoDBDocumentClient, tableName: string): CaseFileRepository {
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
            Item: {
              ...documentKey(record.caseId, record.documentId),
              claimedAtMs: Date.now(),
              ...record,
              ready: false,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /**
     * Takes over a claim whose writer never numbered it (it died: a crash after the answer, issue 17), if it is
     * still the claim `seen` was read with; true when this writer now holds it and draws its number.
     */
    async reclaimDocument(seen: Pick<DocumentRecord, 'caseId' | 'documentId' | 'claimedAtMs'>): Promise<boolean> {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: documentKey(seen.caseId, seen.documentId),
            UpdateExpression: 'SET claimedAtMs = :now',
            ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(#num) AND ${
              seen.claimedAtMs === undefined ? 'attribute_not_exists(claimedAtMs)' : 'claimedAtMs = :seen'
            }`,
            ExpressionAttributeNames: { '#num': 'number' },
            ExpressionAttributeValues: {
              ':now': Date.now(),
              ...(seen.claimedAtMs === undefined ? {} : { ':seen': seen.claimedAtMs }),
            },
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
      // The pending mark first: an attachment is never pending without the sweep knowing of it.
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...pendingUploadKey(record.caseId, record.attachmentId),
            caseId: record.caseId,
            attachmentId: record.attachmentId,
            createdAt: record.createdAt,
          },
        }),
      );
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
        await client.send(new DeleteCommand({ TableName: tableName, Key: pendingUploadKey(caseId, attachmentId) }));
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async deleteAttachment(caseId: string, attachmentId: string): Promise<void> {
      await client.send(new DeleteCommand({ TableName: tableName, Key: attachmentKey(caseId, attachmentId) }));
      await client.send(new DeleteCommand({ TableName: tableName, Key: pendingUploadKey(caseId, attachmentId) }));
    },

    async listPendingUploads(before: Instant): Promise<PendingUpload[]> {
      const pending = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'UPLOADS#PENDING' },
        ConsistentRead: true,
      });
      const items: PendingUpload[] = pending.map((item) => ({
        caseId: String(item.caseId),
        attachmentId: String(item.attachmentId),
        createdAt: String(item.createdAt),
      }));
      return items.filter((u) => u.createdAt < before).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },

    async forgetPendingUpload(caseId: string, attachmentId: string): Promise<void> {
      await client.send(new DeleteCommand({ TableName: tableName, Key: pendingUploadKey(caseId, attachmentId) }));
    },
  };
}

/** The in-memory twin of {@link makeCaseFileRepository}, with the same rules (for unit tests). */
export function makeInMemoryCaseFileRepository(): CaseFileRepository {
  const documents = new Map<string, DocumentRecord>();
  const attachments = new Map<string, AttachmentRecord>();
  const pending = new Map<string, PendingUpload>();
  const places = new Map<string, number>();
  const letters = new Map<string, number>();
  const key = (caseId: string, id: string) => `${caseId}#${id}`;
  const copy = <T>(value: T | undefined): T | undefined => (value === undefined ? undefined : structuredClone(value));
  return {
    async listDocuments(caseId) {
      return [...documents.values()]
        .filter((d) => d.caseId === caseId)
        .sort((a, b) => a.eventSeq - b.eventSeq)
        .map((d) => structuredClone(d));
    },
    async getDocument(caseId, documentId) {
      return copy(documents.get(key(caseId, documentId)));
    },
    async claimDocument(record) {
      if (documents.has(key(record.caseId, record.documentId))) return false;
      documents.set(key(record.caseId, record.documentId), {
        claimedAtMs: Date.now(),
        ...structuredClone(record),
        ready: false,
      });
      return true;
    },
    async reclaimDocument(seen) {
      const doc = documents.get(key(seen.caseId, seen.documentId));
      if (!doc || doc.number !== undefined || doc.claimedAtMs !== seen.claimedAtMs) return false;
      doc.claimedAtMs = Date.now();
      return true;
    },
    async nextLetterSequence(agencyId, year) {
      const next = (letters.get(`${agencyId}#${year}`) ?? 0) + 1;
      letters.set(`${agencyId}#${year}`, next);
      return next;
    },
    async setNumber(caseId, documentId, number) {
      const doc = documents.get(key(caseId, documentId));
      if (!doc || doc.number !== undefined) throw new Error(`document ${documentId} has no claim or a number already`);
      doc.number = number;
    },
    async markReady(caseId, documentId) {
      const doc = documents.get(key(caseId, documentId));
      if (doc) doc.ready = true;
    },
    async listAttachments(caseId) {
      return [...attachments.values()]
        .filter((a) => a.caseId === caseId)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map((a) => structuredClone(a));
    },
    async getAttachment(caseId, attachmentId) {
      return copy(attachments.get(key(caseId, attachmentId)));
    },
    async takeAttachmentPlace(caseId, max) {
      const taken = places.get(caseId) ?? 0;
      if (taken >= max) return false;
      places.set(caseId, taken + 1);
      return true;
    },
    async giveBackAttachmentPlace(caseId) {
      const taken = places.get(caseId) ?? 0;
      if (taken <= 0) throw new Error('no attachment place to give back');
      places.set(caseId, taken - 1);
    },
    async createAttachment(record) {
      const k = key(record.caseId, record.attachmentId);
      if (attachments.has(k)) throw new Error(`attachment ${record.attachmentId} exists`);
      pending.set(k, { caseId: record.caseId, attachmentId: record.attachmentId, createdAt: record.createdAt });
      attachments.set(k, structuredClone(record));
    },
    async completeAttachment(caseId, attachmentId, size, at) {
      const attachment = attachments.get(key(caseId, attachmentId));
      if (!attachment || attachment.status !== 'pending') return false;
      Object.assign(attachment, { status: 'available', completedAt: at, size });
      pending.delete(key(caseId, attachmentId));
      return true;
    },
    async deleteAttachment(caseId, attachmentId) {
      attachments.delete(key(caseId, attachmentId));
      pending.delete(key(caseId, attachmentId));
    },
    async listPendingUploads(before) {
      return [...pending.values()]
        .filter((u) => u.createdAt < before)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map((u) => ({ ...u }));
    },
    async forgetPendingUpload(caseId, attachmentId) {
      pending.delete(key(caseId, attachmentId));
    },
  };
}
