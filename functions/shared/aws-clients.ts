import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * AWS SDK v3 clients, one of each per Lambda container (module scope). Endpoints come from the SDK's own
 * `AWS_ENDPOINT_URL_<SERVICE>` variables, which the local runtime sets to its local servers; in AWS they
 * are unset and the clients reach the real services.
 */
const local = process.env.GONGKAI_LOCAL === 'true';

export const dynamoClient = new DynamoDBClient({});
export const documentClient = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
/** s3rver needs path-style addressing and no streaming checksums (toolchain notes). */
export const s3Client = new S3Client(
  local
    ? { forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
    : {},
);
export const sesClient = new SESv2Client({});
export const sfnClient = new SFNClient({});
