import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** A Query's input, without the start key that `queryAll` pages with. */
export type QueryInput = ConstructorParameters<typeof QueryCommand>[0];

/**
 * Every item a Query answers, following `LastEvaluatedKey` page after page (a partition or index range may
 * exceed DynamoDB's 1 MB page). For lists that stay small; growing lists page with a cursor instead (design.md §9).
 */
export async function queryAll<T = Record<string, unknown>>(
  client: DynamoDBDocumentClient,
  input: QueryInput,
): Promise<T[]> {
  const items: T[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...((page.Items ?? []) as T[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}
