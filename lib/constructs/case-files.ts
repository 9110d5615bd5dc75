import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * The case files (design.md §9): each case's statutory documents and attachments, `cases/<caseId>/…`. Private
 * (never public: served through the API or by 15-minute presigned links), encrypted, versioned (a signed letter
 * or a proof of service is never lost to an overwrite), TLS only, retained. The browser uploads and downloads
 * through presigned links, hence CORS for PUT/GET.
 */
export class CaseFiles extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      versioned: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'case-files/',
      cors: [
        {
          allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
          allowedOrigins: ['*'],
          allowedHeaders: ['*'],
          maxAge: 3000,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Read and write (documents, presigned uploads and downloads, removal of a mismatched upload). */
  grantReadWrite(grantee: iam.IGrantable): void {
    this.bucket.grantReadWrite(grantee, 'cases/*');
    this.bucket.grantDelete(grantee, 'cases/*');
  }
}
