import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localEndpoint } from './local-endpoint';

/** The DynamoDB client of this container (see `local-endpoint.ts`). */
export const dynamoClient = new DynamoDBClient(localEndpoint('AWS_ENDPOINT_URL_DYNAMODB'));
export const documentClient = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
