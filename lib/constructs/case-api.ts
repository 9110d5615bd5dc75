import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_FUNCTION_ENTRIES, API_ROUTES, needsSignIn, type ApiFunction } from '../api-routes';
import { ServiceFunction } from './service-function';

/** The content types the API answers as bytes (design.md §5, §9: the Word report and letters, the Excel ledger). */
export const BINARY_MEDIA_TYPES = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;

/**
 * API Gateway's own answers (before or instead of a Lambda) in the `{ error: { code, message } }` shape of
 * design.md §5 with Chinese messages: the authoriser's 401/403, throttling, and any other 4xx/5xx.
 */
export const GATEWAY_RESPONSES: readonly {
  type: keyof typeof GATEWAY_RESPONSE_TYPES;
  status: string;
  code: string;
  message: string;
}[] = [
  { type: 'UNAUTHORIZED', status: '401', code: 'unauthorized', message: '未登录或登录凭证无效' },
  { type: 'ACCESS_DENIED', status: '403', code: 'forbidden', message: '无权执行该操作' },
  { type: 'MISSING_AUTHENTICATION_TOKEN', status: '404', code: 'not_found', message: '找不到该资源' },
  { type: 'THROTTLED', status: '429', code: 'too_many_requests', message: '请求过于频繁，请稍后重试' },
  { type: 'DEFAULT_4XX', status: '', code: 'bad_request', message: '请求无效' },
  { type: 'DEFAULT_5XX', status: '', code: 'internal', message: '服务器内部错误，请稍后重试' },
];
const GATEWAY_RESPONSE_TYPES = {
  UNAUTHORIZED: apigateway.ResponseType.UNAUTHORIZED,
  ACCESS_DENIED: apigateway.ResponseType.ACCESS_DENIED,
  MISSING_AUTHENTICATION_TOKEN: apigateway.ResponseType.MISSING_AUTHENTICATION_TOKEN,
  THROTTLED: apigateway.ResponseType.THROTTLED,
  DEFAULT_4XX: apigateway.ResponseType.DEFAULT_4XX,
  DEFAULT_5XX: apigateway.ResponseType.DEFAULT_5XX,
} as const;

export interface CaseApiProps {
  table: dynamodb.ITable;
  environment: Record<string, string>;
  grantSendEmail: (fn: ServiceFunction) => void;
  grantTimelineControl: (fn: ServiceFunction) => void;
  /** Lets the administration start the per-agency jobs (the recompute after a calendar change, issue 15). */
  grantStartAgencyJobs: (fn: ServiceFunction) => void;
  /** The staff console's address: the hosted sign-in returns there (authorization code with PKCE). */
  consoleUrl: string;
  /** The prefix of the Cognito hosted sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`). */
  signInDomainPrefix: string;
  /** Functions built by other constructs that serve some routes (the annual report's). */
  external: Partial<Record<ApiFunction, ServiceFunction>>;
}

/**
 * The HTTP API of design.md §5 on API Gateway (REST): every route of `lib/api-routes.ts`, the intake and
 * cases Lambdas, throttling, access logs, and a Cognito user-pool authoriser on the staff routes whose
 * groups name the agencies a user may see (group `gongkai-admin`: all agencies).
 */
export class CaseApi extends Construct {
  readonly api: apigateway.RestApi;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly userPoolDomain: cognito.UserPoolDomain;
  readonly functions: Record<'intake' | 'cases' | 'admin', ServiceFunction>;

  constructor(scope: Construct, id: string, props: CaseApiProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'StaffUsers', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      // Staff see applicants' personal data: a second factor is required.
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new cognito.CfnUserPoolGroup(this, 'AdminGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: 'gongkai-admin',
      description: 'Administrators: every agency',
    });
    this.userPoolDomain = this.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: props.signInDomainPrefix },
    });
    // The console is a public client (no secret): the hosted UI, the authorization code grant with PKCE (S256).
    this.userPoolClient = this.userPool.addClient('Console', {
      authFlows: { userSrp: true },
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [props.consoleUrl],
        logoutUrls: [props.consoleUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(8),
      idTokenValidity: Duration.hours(8),
      preventUserExistenceErrors: true,
    });

    const CONSTRUCT_IDS = { intake: 'Intake', cases: 'Cases', admin: 'Admin' } as const;
    const make = (fn: 'intake' | 'cases' | 'admin', description: string) => {
      const serviceFunction = new ServiceFunction(this, CONSTRUCT_IDS[fn], {
        entry: API_FUNCTION_ENTRIES[fn],
        description,
        environment: props.environment,
      });
      props.table.grantReadWriteData(serviceFunction);
      props.grantSendEmail(serviceFunction);
      props.grantTimelineControl(serviceFunction);
      return serviceFunction;
    };
    this.functions = {
      intake: make('intake', 'Public intake: applications, the applicant status page, supplements'),
      cases: make('cases', 'Staff case handling: registration, work list, actions'),
      admin: make('admin', 'Administration: agencies and the yearly holiday notices (queues the recompute)'),
    };
    props.grantStartAgencyJobs(this.functions.admin);
    const functionFor: Partial<Record<ApiFunction, ServiceFunction>> = { ...this.functions, ...props.external };

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api = new apigateway.RestApi(this, 'Api', {
      description: 'gongkai — 政府信息公开申请 API',
      deployOptions: {
        stageName: 'v1api',
        throttlingRateLimit: 50,
        throttlingBurstLimit: 100,
        tracingEnabled: true,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields({
          caller: false,
          httpMethod: true,
          ip: false,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: false,
        }),
        metricsEnabled: true,
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
      },
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      binaryMediaTypes: [...BINARY_MEDIA_TYPES],
    });
    for (const response of GATEWAY_RESPONSES)
      this.api.addGatewayResponse(`Gateway${response.type}`, {
        type: GATEWAY_RESPONSE_TYPES[response.type],
        ...(response.status ? { statusCode: response.status } : {}),
        responseHeaders: { 'Content-Type': "'application/json; charset=utf-8'", 'Cache-Control': "'no-store'" },
        templates: {
          'application/json': JSON.stringify({
            error: { code: response.code, message: response.message, requestId: '$context.requestId' },
          }),
        },
      });
    const authorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'StaffAuthorizer', {
      cognitoUserPools: [this.userPool],
    });

    const integrations = new Map<ApiFunction, apigateway.LambdaIntegration>();
    for (const route of API_ROUTES) {
      const fn = functionFor[route.fn];
      if (!fn) throw new Error(`No function for route ${route.method} ${route.resource}`);
      let integration = integrations.get(route.fn);
      if (!integration) integrations.set(route.fn, (integration = new apigateway.LambdaIntegration(fn)));
      const resource = this.api.root.resourceForPath(route.resource);
      resource.addMethod(
        route.method,
        integration,
        needsSignIn(route.access)
          ? { authorizer, authorizationType: apigateway.AuthorizationType.COGNITO }
          : { authorizationType: apigateway.AuthorizationType.NONE },
      );
    }
  }
}
