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

/** Attributes of a work-list row, projected into every index that answers the work list. */
export const LIST_PROJECTION = ['caseId', 'receiptNumber', 'version', 'status', 'listView'] as const;

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
      projection: LIST_PROJECTION,
    },
    // The desk's filters (design.md §9 "Paging"): open cases by status, by assignee, and those whose
    // extension request awaits the head, each soonest deadline first.
    {
      indexName: 'openByStatus',
      partitionKey: { name: 'openStatusKey', type: 'S' },
      sortKey: { name: 'openDueKey', type: 'S' },
      projection: LIST_PROJECTION,
    },
    {
      indexName: 'openByAssignee',
      partitionKey: { name: 'openAssigneeKey', type: 'S' },
      sortKey: { name: 'openDueKey', type: 'S' },
      projection: LIST_PROJECTION,
    },
    {
      indexName: 'pendingExtensions',
      partitionKey: { name: 'extensionAgencyId', type: 'S' },
      sortKey: { name: 'openDueKey', type: 'S' },
      projection: [...LIST_PROJECTION, 'extensionAgencyId'],
    },
    // Search by the applicant's keyed hashes (never the clear name, phone or ID number); the ID index also
    // carries the description for duplicate detection (重复申请).
    {
      indexName: 'byApplicantId',
      partitionKey: { name: 'idHash', type: 'S' },
      sortKey: { name: 'receivedKey', type: 'S' },
      projection: [...LIST_PROJECTION, 'information'],
    },
    {
      indexName: 'byApplicantPhone',
      partitionKey: { name: 'phoneHash', type: 'S' },
      sortKey: { name: 'receivedKey', type: 'S' },
      projection: LIST_PROJECTION,
    },
    {
      indexName: 'byApplicantName',
      partitionKey: { name: 'nameHash', type: 'S' },
      sortKey: { name: 'receivedKey', type: 'S' },
      projection: LIST_PROJECTION,
    },
    // Annual report: an agency's cases by receipt date (also the ledger and the search by words) …
    {
      indexName: 'byReceived',
      partitionKey: { name: 'caseAgencyId', type: 'S' },
      sortKey: { name: 'receivedKey', type: 'S' },
      projection: [...REPORT_PROJECTION, ...LIST_PROJECTION, 'searchText'],
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
