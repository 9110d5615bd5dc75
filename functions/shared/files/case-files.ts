/**
 * The case-files bucket (S3, private, encrypted, versioned; locally s3rver): each case's documents
 * (`cases/<caseId>/documents/<documentId>.{docx,html}`) and attachments (`cases/<caseId>/attachments/<id>`).
 * Uploads and downloads of attachments go straight between the browser and S3 through presigned links.
 */
import { s3Module, type S3ClientSource } from '../aws/s3-on-demand';

export type DocumentFormat = 'docx' | 'html';
export const DOCUMENT_CONTENT_TYPES: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
};

export const documentKey = (caseId: string, documentId: string, format: DocumentFormat): string =>
  `cases/${caseId}/documents/${documentId}.${format}`;
export const attachmentKey = (caseId: string, attachmentId: string): string =>
  `cases/${caseId}/attachments/${attachmentId}`;

/** `Content-Disposition` for a download keeping a Chinese file name (RFC 6266 / RFC 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const isMissing = (error: unknown) => {
  const name = (error as Error).name;
  return (
    name === 'NotFound' ||
    name === 'NoSuchKey' ||
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404
  );
};

/**
 * The case files in `bucket`. `s3` gives the client; it and the S3 commands are loaded with the first call (issue
 * 17: a cold start does not read the S3 package).
 */
export function makeCaseFiles(s3: S3ClientSource, bucket: string) {
  const sdk = async () => {
    const [client, module] = await Promise.all([s3(), s3Module()]);
    const { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, getSignedUrl } = module;
    return { client, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, getSignedUrl };
  };
  return {
    bucket,

    async put(key: string, body: Uint8Array | string, contentType: string): Promise<void> {
      const { client, PutObjectCommand } = await sdk();
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    },

    /** The object's bytes, or undefined when it does not exist. */
    async get(key: string): Promise<Buffer | undefined> {
      const { client, GetObjectCommand } = await sdk();
      try {
        const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return Body ? Buffer.from(await Body.transformToByteArray()) : undefined;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    /** Size in bytes, or undefined when the object does not exist (an upload never made). */
    async size(key: string): Promise<number | undefined> {
      const { client, HeadObjectCommand } = await sdk();
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return head.ContentLength ?? 0;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    /** The first `count` bytes of an object (a ranged GET). */
    async firstBytes(key: string, count: number): Promise<Uint8Array> {
      const { client, GetObjectCommand } = await sdk();
      const { Body } = await client.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${count - 1}` }),
      );
      const bytes = Body ? await Body.transformToByteArray() : new Uint8Array();
      return bytes.slice(0, count);
    },

    async remove(key: string): Promise<void> {
      const { client, DeleteObjectCommand } = await sdk();
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },

    /** A presigned PUT of `contentType` to `key`, valid `seconds`; the uploader sends `headers` with the bytes. */
    async uploadLink(key: string, contentType: string, seconds: number) {
      const { client, getSignedUrl, PutObjectCommand } = await sdk();
      const url = await getSignedUrl(
        client,
        new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType }),
        {
          expiresIn: seconds,
        },
      );
      return { url, headers: { 'content-type': contentType } };
    },

    /** A presigned GET that downloads `key` as `fileName`, valid `seconds`. */
    async downloadLink(key: string, fileName: string, contentType: string, seconds: number): Promise<string> {
      const { client, getSignedUrl, GetObjectCommand } = await sdk();
      return getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ResponseContentDisposition: contentDisposition(fileName),
          ResponseContentType: contentType,
        }),
        { expiresIn: seconds },
      );
    },
  };
}
export type CaseFiles = ReturnType<typeof makeCaseFiles>;
