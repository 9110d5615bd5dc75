import { S3Client } from '@aws-sdk/client-s3';
import { isLocal, localEndpoint } from './local-endpoint';
import { traced } from './tracer';

/** The S3 client of this container. s3rver needs path-style addressing and no streaming checksums (toolchain notes). */
export const s3Client = traced(
  new S3Client(
    isLocal
      ? {
          ...localEndpoint('AWS_ENDPOINT_URL_S3'),
          forcePathStyle: true,
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }
      : {},
  ),
);
