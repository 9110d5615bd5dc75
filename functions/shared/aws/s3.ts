import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { isLocal, lazyClient, localEndpoint } from './local-endpoint';

/**
 * The S3 client settings. Checksums only where S3 requires them, in AWS too: with the SDK's default
 * (`WHEN_SUPPORTED`) a presigned PUT carries `x-amz-checksum-crc32` of an empty body, so S3 would refuse every
 * browser upload of an attachment (design.md §9) as a bad digest. s3rver also needs path-style addressing.
 */
export function s3ClientConfig(local: boolean): S3ClientConfig {
  return {
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(local ? { ...localEndpoint('AWS_ENDPOINT_URL_S3'), forcePathStyle: true } : {}),
  };
}

/** The S3 client of this container, made on first use. */
export const s3Client = lazyClient(() => new S3Client(s3ClientConfig(isLocal)));

export { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
export { getSignedUrl } from '@aws-sdk/s3-request-presigner';
