import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';

/**
 * Receipt numbers accounted for: the per-agency, per-year counters, the receipt numbers that became cases,
 * and the numbers recorded void with their reason (a drawing request that died or failed, or a retry that
 * lost the race to write the same case). Items live beside the counter: `pk=COUNTER#<agencyId>`.
 */

/** Why a drawn number never became a case. */
export type VoidReason = 'request_died' | 'write_failed' | 'superseded_by_retry';

export interface ReceiptVoid {
  agencyId: string;
  year: number;
  sequence: number;
  receiptNumber: string;
  reason: VoidReason;
  /** ISO instant (system clock) at which the void was recorded. */
  recordedAt: string;
}

export interface ReceiptCounter {
  year: number;
  /** The last sequence drawn. */
  last: number;
  /** Real-time instant (ms) of the last draw, when known. */
  lastDrawnAt?: number;
}

const pad = (sequence: number) => String(sequence).padStart(6, '0');
const counterPk = (agencyId: string) => `COUNTER#${agencyId}`;
const voidKey = (agencyId: string, year: number, sequence: number) => ({
  pk: counterPk(agencyId),
  sk: `VOID#${year}#${pad(sequence)}`,
});
const gapKey = (agencyId: string, year: number, sequence: number) => ({
  pk: counterPk(agencyId),
  sk: `GAP#${year}#${pad(sequence)}`,
});
const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

/** The sequence of a receipt number (`NDZ-2024-000945` → 945), whatever the agency's prefix. */
export function receiptSequence(receiptNumber: string): number | undefined {
  const match = /-(\d+)$/.exec(receiptNumber);
  return match ? Number(match[1]) : undefined;
}

export function makeReceiptRepository(client: DynamoDBDocumentClient, tableName: string) {
  return {
    /** Records a drawn number as void (once: a number already recorded keeps its first reason). */
    async recordVoid(entry: ReceiptVoid): Promise<boolean> {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...voidKey(entry.agencyId, entry.year, entry.sequence), ...entry },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /** The voids of an agency's year, in number order (the ledger and `GET …/receipt-voids` read this). */
    async listVoids(agencyId: string, year: number): Promise<ReceiptVoid[]> {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': counterPk(agencyId), ':v': `VOID#${year}#` },
      });
      return items.map(({ pk: _pk, sk: _sk, ...entry }) => entry as unknown as ReceiptVoid);
    },

    /** Every receipt counter of an agency (one per year it drew numbers in). */
    async counters(agencyId: string): Promise<ReceiptCounter[]> {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
        ExpressionAttributeValues: { ':pk': counterPk(agencyId), ':r': 'RECEIPT#' },
      });
      return items.map((item) => ({
        year: Number(String(item.sk).slice('RECEIPT#'.length)),
        last: Number(item.next ?? 0),
        ...(item.lastDrawnAt !== undefined ? { lastDrawnAt: Number(item.lastDrawnAt) } : {}),
      }));
    },

    /** The receipt sequences of the cases an agency received in a year (receipt numbers are drawn per year of receipt). */
    async caseSequences(agencyId: string, year: number): Promise<Set<number>> {
      const items = await queryAll(client, {
        TableName: tableName,
        IndexName: 'byReceived',
        KeyConditionExpression: 'caseAgencyId = :a AND receivedKey BETWEEN :f AND :t',
        ExpressionAttributeValues: { ':a': agencyId, ':f': `${year}-01-01`, ':t': `${year}-12-31~` },
        ProjectionExpression: 'reportView',
      });
      const sequences = new Set<number>();
      for (const item of items) {
        const sequence = receiptSequence(String((item.reportView as { receiptNumber?: string }).receiptNumber ?? ''));
        if (sequence !== undefined) sequences.add(sequence);
      }
      return sequences;
    },

    /** Gaps the reconcile saw before (sequence → real-time ms first seen): a gap seen long enough ago is void. */
    async gapsSeen(agencyId: string, year: number): Promise<Map<number, number>> {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :g)',
        ExpressionAttributeValues: { ':pk': counterPk(agencyId), ':g': `GAP#${year}#` },
      });
      return new Map(items.map((item) => [Number(item.sequence), Number(item.firstSeenAt)]));
    },

    async noteGap(agencyId: string, year: number, sequence: number, realMs: number): Promise<void> {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...gapKey(agencyId, year, sequence), sequence, firstSeenAt: realMs },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },
  };
}
export type ReceiptRepository = ReturnType<typeof makeReceiptRepository>;

/**
 * The in-memory twin of the receipt repository (unit tests): counters, the sequences that became cases, voids and
 * gaps seen, set up through `seed`.
 */
export function makeInMemoryReceiptRepository(seed: {
  counters: Record<string, ReceiptCounter[]>;
  cases?: Record<string, number[]>;
}): ReceiptRepository {
  const key = (agencyId: string, year: number) => `${agencyId}#${year}`;
  const voids = new Map<string, ReceiptVoid>();
  const gaps = new Map<string, Map<number, number>>();
  return {
    async recordVoid(entry) {
      const id = `${key(entry.agencyId, entry.year)}#${entry.sequence}`;
      if (voids.has(id)) return false;
      voids.set(id, entry);
      return true;
    },
    async listVoids(agencyId, year) {
      return [...voids.values()]
        .filter((v) => v.agencyId === agencyId && v.year === year)
        .sort((a, b) => a.sequence - b.sequence);
    },
    async counters(agencyId) {
      return seed.counters[agencyId] ?? [];
    },
    async caseSequences(agencyId, year) {
      return new Set(seed.cases?.[key(agencyId, year)] ?? []);
    },
    async gapsSeen(agencyId, year) {
      return new Map(gaps.get(key(agencyId, year)) ?? []);
    },
    async noteGap(agencyId, year, sequence, realMs) {
      const seen = gaps.get(key(agencyId, year)) ?? new Map<number, number>();
      if (!seen.has(sequence)) seen.set(sequence, realMs);
      gaps.set(key(agencyId, year), seen);
    },
  };
}
