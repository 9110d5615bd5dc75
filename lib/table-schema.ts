/**
 * The case table's key schema and indexes, defined once: the CDK case-store construct and the local
 * runtime that creates the local table both read this, so the two can never drift apart.
 *
 * One table holds agencies, counters, cases, notice records and year data (single-table design);
 * every index is sparse: only items that carry an index's key attributes appear in it.
 */
export type KeyType = 'S' | 'N';
export interface KeyAttribute {
  name: string;
  type: KeyType;
}
export interface IndexSchema {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** Non-key attributes copied into the index (INCLUDE); `'ALL'` for every attribute, `[]` for keys only. */
  projection: 'ALL' | readonly string[];
}
export interface TableSchema {
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  indexes: readonly IndexSchema[];
}

/** Attributes the annual report reads from each case, projected into the year indexes. */
export const REPORT_PROJECTION = ['reportView'] as const;

export const CASE_TABLE_SCHEMA: TableSchema = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  indexes: [
    // Public status and supplement: receipt number → case.
    { indexName: 'byReceiptNumber', partitionKey: { name: 'receiptNumber', type: 'S' }, projection: [] },
    // Staff work list: an agency's open cases, soonest reply deadline first (attributes removed on close).
    {
      indexName: 'openByDue',
      partitionKey: { name: 'openAgencyId', type: 'S' },
      sortKey: { name: 'openDueKey', type: 'S' },
      projection: ['caseId', 'receiptNumber', 'version', 'status', 'listView'],
    },
    // Annual report: an agency's cases by receipt date …
    {
      indexName: 'byReceived',
      partitionKey: { name: 'caseAgencyId', type: 'S' },
      sortKey: { name: 'receivedKey', type: 'S' },
      projection: REPORT_PROJECTION,
    },
    // … and by closing date (also the work list's "closed" filter, hence the list view).
    {
      indexName: 'byClosed',
      partitionKey: { name: 'closedAgencyId', type: 'S' },
      sortKey: { name: 'closedKey', type: 'S' },
      projection: [...REPORT_PROJECTION, 'caseId', 'receiptNumber', 'version', 'listView'],
    },
    // The notice outbox's to-do list (notify/outbox.ts): case items whose outbox lists notices and notice
    // items pending delivery, by the real-time instant they are due (sharded over a few partitions).
    {
      indexName: 'outbox',
      partitionKey: { name: 'outboxShard', type: 'S' },
      sortKey: { name: 'outboxDue', type: 'S' },
      projection: [],
    },
  ],
};
