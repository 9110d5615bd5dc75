/**
 * The presigned links of the case files (design.md §9 Attachments) as the AWS client signs them: an upload link
 * must not carry a checksum of an empty body (S3 would refuse every browser upload as a bad digest), and a
 * download link names the file for the browser.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { s3ClientConfig } from '../../functions/shared/aws/s3';
import { attachmentKey, makeCaseFiles } from '../../functions/shared/files/case-files';

const client = new S3Client({
  ...s3ClientConfig(false),
  region: 'cn-north-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const files = makeCaseFiles(() => Promise.resolve(client), 'case-files');

describe('presigned case-file links signed for AWS', () => {
  it('signs an upload link without a checksum, to be sent with its content type', async () => {
    // Act
    const link = await files.uploadLink(attachmentKey('case-1', 'att-1'), 'application/pdf', 900);

    // Assert
    const url = new URL(link.url);
    expect(`${url.host}${url.pathname}`).toBe(
      'case-files.s3.cn-north-1.amazonaws.com.cn/cases/case-1/attachments/att-1',
    );
    expect([...url.searchParams.keys()].filter((k) => /checksum/i.test(k))).toEqual([]);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(link.headers).toEqual({ 'content-type': 'application/pdf' });
  });

  it('signs a download link that saves the file under its Chinese name', async () => {
    // Act
    const link = await files.downloadLink(attachmentKey('case-1', 'att-1'), '答复书.pdf', 'application/pdf', 900);

    // Assert
    const disposition = new URL(link).searchParams.get('response-content-disposition') ?? '';
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('答复书.pdf')}`);
  });
});
