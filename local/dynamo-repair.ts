import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Index repair of the local DynamoDB after a crash (issue #10). dynalite writes an item in several LevelDB
 * writes: first each secondary index's entry, then the item itself, with nothing making them one. A process
 * killed in between leaves index entries of an item that was never written (or of a version that was not):
 * a case that the indexes show with its receipt number while the table has no such case, and that a retry
 * then writes under the same id with another number (the old entry of `byReceiptNumber` left behind). In
 * DynamoDB an item and its index entries never disagree once the indexes have caught up; this brings the
 * local folder back to that: every index entry is the one its item gives, and no other.
 *
 * It works on the LevelDB folder while dynalite does not have it open (before it starts), with dynalite's own
 * key functions, so the entries are exactly those dynalite would write.
 */

interface DynaliteTable {
  TableName: string;
  GlobalSecondaryIndexes?: unknown[];
  LocalSecondaryIndexes?: unknown[];
}
type Item = Record<string, unknown>;
interface IndexAction {
  index: string;
  key: string;
  item: Item;
}
interface LevelDb {
  open(): Promise<void>;
  close(): Promise<void>;
  iterator(range: { gte: string; lt: string }): AsyncIterable<[string, unknown]>;
  batch(operations: ({ type: 'put'; key: string; value: unknown } | { type: 'del'; key: string })[]): Promise<void>;
}

// dynalite's own LevelDB and key functions (untyped CommonJS), resolved from dynalite so the versions match.
const fromDynalite = createRequire(require.resolve('dynalite'));
const { Level } = fromDynalite('level') as { Level: new (path: string, options: object) => LevelDb };
const dynaliteDb = fromDynalite('./db') as {
  createKey(item: Item, table: DynaliteTable): string;
  getIndexActions(
    indexes: unknown[],
    existingItem: Item | undefined,
    item: Item,
    table: DynaliteTable,
  ): { puts: IndexAction[] };
};

/** What a repair changed: index entries removed (no item gives them) and written (an item gives them). */
export interface IndexRepair {
  removed: number;
  written: number;
}

async function entries(db: LevelDb, prefix: string): Promise<Map<string, unknown>> {
  const found = new Map<string, unknown>();
  for await (const [key, value] of db.iterator({ gte: prefix, lt: `${prefix}\xff` })) found.set(key, value);
  return found;
}

/**
 * Makes every secondary index of every table in the dynalite folder `dir` what its items give: removes the
 * entries no item gives (or gives with other values) and writes the ones missing, in one LevelDB batch.
 */
export async function repairDynaliteIndexes(dir: string): Promise<IndexRepair> {
  const repair: IndexRepair = { removed: 0, written: 0 };
  if (!existsSync(dir)) return repair;
  const db = new Level(dir, { valueEncoding: 'json' });
  await db.open();
  try {
    const tables = [...(await entries(db, 'table~')).values()] as DynaliteTable[];
    for (const table of tables) {
      const expected = new Map<string, unknown>();
      for (const item of (await entries(db, `item-${table.TableName}~`)).values())
        for (const [type, indexes] of [
          ['global', table.GlobalSecondaryIndexes],
          ['local', table.LocalSecondaryIndexes],
        ] as const)
          if (indexes?.length)
            for (const put of dynaliteDb.getIndexActions(indexes, undefined, item as Item, table).puts)
              expected.set(`index-${type}~${table.TableName}~${put.index}~${put.key}`, put.item);
      const present = new Map([
        ...(await entries(db, `index-global~${table.TableName}~`)),
        ...(await entries(db, `index-local~${table.TableName}~`)),
      ]);
      const operations: Parameters<LevelDb['batch']>[0] = [];
      for (const key of present.keys())
        if (!expected.has(key)) {
          operations.push({ type: 'del', key });
          repair.removed++;
        }
      for (const [key, value] of expected)
        if (!present.has(key) || JSON.stringify(present.get(key)) !== JSON.stringify(value)) {
          operations.push({ type: 'put', key, value });
          repair.written++;
        }
      if (operations.length) await db.batch(operations);
    }
  } finally {
    await db.close();
  }
  return repair;
}
