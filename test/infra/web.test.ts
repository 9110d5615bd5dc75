import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Web } from '../../lib/constructs/web';

/** A stack with a one-method REST API and the web construct over a stand-in `web/dist`. */
function synthesize(webDir: string, fileOrigins?: string[]): Template {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'WebTest');
  const api = new apigateway.RestApi(stack, 'Api');
  api.root.addResource('v1').addMethod('GET', new apigateway.MockIntegration());
  new Web(stack, 'Web', { api, webDir, ...(fileOrigins ? { fileOrigins } : {}) });
  return Template.fromStack(stack);
}

describe('the web construct', () => {
  const webDir = mkdtempSync(path.join(tmpdir(), 'gongkai-web-'));
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>test</title>');
  const template = synthesize(webDir);
  afterAll(() => rmSync(webDir, { recursive: true, force: true }));

  it('serves the pages from S3 through Origin Access Control and the API from API Gateway on one distribution', () => {
    const [restApi] = Object.keys(template.findResources('AWS::ApiGateway::RestApi'));
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Origins: Match.arrayWith([
          Match.objectLike({
            DomainName: Match.objectLike({ 'Fn::GetAtt': Match.arrayWith(['RegionalDomainName']) }),
            OriginAccessControlId: Match.anyValue(),
          }),
          Match.objectLike({
            DomainName: Match.objectLike({
              'Fn::Select': Match.arrayWith([
                Match.objectLike({
                  'Fn::Split': Match.arrayWith([
                    Match.objectLike({
                      'Fn::Join': Match.arrayWith([Match.arrayWith([Match.objectLike({ Ref: restApi })])]),
                    }),
                  ]),
                }),
              ]),
            }),
          }),
        ]),
      }),
    });
    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0] as {
      Properties: { DistributionConfig: { Origins: unknown[] } };
    };
    expect(distribution.Properties.DistributionConfig.Origins).toHaveLength(2);
  });

  it('sends /v1/* to the API uncached, with every method, redirecting to HTTPS', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/v1/*',
            ViewerProtocolPolicy: 'redirect-to-https',
            AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
            // Managed policies: CachingDisabled and AllViewerExceptHostHeader.
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
            OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
          }),
        ],
      }),
    });
  });

  it('keeps the pages in a private, encrypted bucket that refuses plain HTTP and is readable by CloudFront only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.objectLike({
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }),
        ],
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
          }),
        ]),
      }),
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
  });

  it('sends the pages with a self-only content security policy and HSTS', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: Match.objectLike({
            ContentSecurityPolicy: Match.stringLikeRegexp("^default-src 'self'"),
          }),
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31536000 }),
        }),
      }),
    });
  });

  it('lets the pages connect to the case-files bucket for presigned uploads, and to nothing else', () => {
    // Act
    const withFiles = synthesize(webDir, ['https://case-files.s3.cn-north-1.amazonaws.com.cn']);

    // Assert
    const policyOf = (t: Template): string =>
      Object.values(t.findResources('AWS::CloudFront::ResponseHeadersPolicy'))
        .map((r) => JSON.stringify(r))
        .find((r) => r.includes('default-src')) ?? '';
    expect(policyOf(withFiles)).toContain("connect-src 'self' https://case-files.s3.cn-north-1.amazonaws.com.cn");
    expect(policyOf(template)).not.toContain('connect-src');
  });

  it('deploys the built pages into the bucket and invalidates the distribution', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: Match.objectLike({ Ref: Match.anyValue() }),
      DistributionId: Match.objectLike({ Ref: Match.anyValue() }),
      DistributionPaths: ['/*'],
    });
  });
});
