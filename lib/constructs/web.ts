import { Duration } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

/** `config.json` beside the pages: how the console signs staff in (absent locally, where a pasted token is used). */
export interface WebConfig {
  signIn: {
    /** The Cognito hosted UI base URL (`https://<prefix>.auth.<region>.amazoncognito.com`). */
    issuerBaseUrl: string;
    /** The user pool's OpenID issuer (`https://cognito-idp.<region>.amazonaws.com/<poolId>`). */
    issuer: string;
    clientId: string;
    redirectUri: string;
    scopes: string[];
  };
}

export interface WebProps {
  /** What `config.json` tells the console (sign-in settings). */
  config?: WebConfig;
  /** The HTTP API, served under `/v1/*` on the same origin as the pages (no CORS, one CSP `'self'`). */
  api: apigateway.RestApi;
  /**
   * The built pages (`web/dist`, made by `buildWeb()` from `web/build.ts`). The caller builds them
   * before synthesis: a construct cannot await the build.
   */
  webDir: string;
  /**
   * Origins besides the site that the pages connect to: the case-files bucket, which the browser uploads
   * attachments to and downloads them from through presigned links (design.md §9 Attachments).
   */
  fileOrigins?: string[];
}

/**
 * The content security policy of the pages: scripts and styles from the site only (inline styles
 * allowed for the report preview), images also as data URLs, never framed by another site.
 */
export const WEB_CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

/**
 * The pages' CSP: `connect-src` adds the Cognito token endpoint when staff sign in there (the code exchange), and the origins of the
 * case files (presigned uploads and downloads straight between the browser and S3).
 */
export function webContentSecurityPolicy(options: { signIn: boolean; fileOrigins?: readonly string[] }): string {
  const connect = [...(options.signIn ? ['https://*.amazoncognito.com'] : []), ...(options.fileOrigins ?? [])];
  return connect.length
    ? `${WEB_CONTENT_SECURITY_POLICY}; connect-src 'self' ${connect.join(' ')}`
    : WEB_CONTENT_SECURITY_POLICY;
}

/**
 * The web front: the form, status page and staff console from a private S3 bucket (read by
 * CloudFront through Origin Access Control only), and the API under `/v1/*` on the same
 * distribution, so the pages call it on their own origin. HTTPS only, with security headers.
 */
export class Web extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
    });

    const pageHeaders = new cloudfront.ResponseHeadersPolicy(this, 'PageHeaders', {
      comment: 'gongkai pages: CSP self only, HSTS, no sniffing, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: webContentSecurityPolicy({
            signIn: props.config !== undefined,
            ...(props.fileOrigins ? { fileOrigins: props.fileOrigins } : {}),
          }),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.SAME_ORIGIN, override: true },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'gongkai web front and API',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: pageHeaders,
        compress: true,
      },
      additionalBehaviors: {
        // The API: never cached (answers are personal), every method, the caller's headers and query
        // (Authorization, ?code=) passed on — but not Host, which API Gateway needs to be its own.
        '/v1/*': {
          origin: new origins.RestApiOrigin(props.api),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
        },
      },
    });

    new s3deploy.BucketDeployment(this, 'Pages', {
      sources: [
        s3deploy.Source.asset(props.webDir),
        ...(props.config ? [s3deploy.Source.jsonData('config.json', props.config)] : []),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
  }
}
