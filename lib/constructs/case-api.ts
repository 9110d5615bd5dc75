import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_FUNCTION_ENTRIES, API_ROUTES, needsSignIn, type ApiFunction } from '../api-routes';
import { ServiceFunction } from './service-function';

export interface CaseApiProps {
  table: dynamodb.ITable;
  environment: Record<string, string>;
  grantSendEmail: (fn: ServiceFunction) => void;
  grantTimelineControl: (fn: ServiceFunction) => void;
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
    this.userPoolClient = this.userPool.addClient('Console', {
      authFlows: { userSrp: true },
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
      admin: make('admin', 'Administration: agencies and the yearly holiday notices (recomputes open cases)'),
    };
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
