import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localEndpoint } from './local-endpoint';
import { traced } from './tracer';

/** The DynamoDB client of this container (see `local-endpoint.ts`). */
export const dynamoClient = traced(new DynamoDBClient(localEndpoint('AWS_ENDPOINT_URL_DYNAMODB')));
export const documentClient = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
