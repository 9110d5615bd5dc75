import type { S3Client } from '@aws-sdk/client-s3';

/**
 * The S3 module of this container (`s3.ts`: its client, the object commands, the presigner), read on first use:
 * issue 17, a function loads the S3 package (with its checksums and signing, the largest SDK client gongkai uses)
 * only when an invocation stores or links a file, not at every cold start. Import this file, never `s3.ts`.
 */
export const s3Module = () => import('./s3');

/** Where the case files and the reports get their S3 client: this container's, or one a test makes. */
export type S3ClientSource = () => Promise<S3Client>;

/** This container's S3 client (`s3.ts`), its module loaded on first use. */
export const containerS3: S3ClientSource = async () => (await s3Module()).s3Client;
