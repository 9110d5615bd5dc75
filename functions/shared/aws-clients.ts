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

/**
 * Locally the endpoint is read from the environment at every request, not once: a test process may stop
 * one local system and start another on new ports while these module-scope clients live on.
 */
function localEndpoint(variable: string) {
  if (!local) return {};
  return {
    endpoint: async () => {
      const url = new URL(process.env[variable] ?? '');
      return { protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: url.pathname };
    },
  };
}

export const dynamoClient = new DynamoDBClient(localEndpoint('AWS_ENDPOINT_URL_DYNAMODB'));
export const documentClient = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
/** s3rver needs path-style addressing and no streaming checksums (toolchain notes). */
export const s3Client = new S3Client(
  local
    ? {
        ...localEndpoint('AWS_ENDPOINT_URL_S3'),
        forcePathStyle: true,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }
    : {},
);
export const sesClient = new SESv2Client(localEndpoint('AWS_ENDPOINT_URL_SESV2'));
export const sfnClient = new SFNClient(localEndpoint('AWS_ENDPOINT_URL_SFN'));
