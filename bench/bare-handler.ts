/**
 * The baseline of `bench/bundle.ts` (issue 17): a function that creates a DynamoDB client and sends one GetItem,
 * nothing else, bundled by the same `bundleFunction` as every gongkai function.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});

export const handler = async () => client.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'x' } } }));
