import { App, Aspects, type IAspect } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { ServiceFunction } from './constructs/service-function';
import { GongkaiStack } from './gongkai-stack';
import { acknowledgeNagFindings } from './nag-acknowledgements';

/** Reads a required context value, failing fast with a message that says how to set it. */
function requiredContext(app: App, key: string): string {
  const value: unknown = app.node.tryGetContext(key);
  if (typeof value !== 'string' || value.length === 0) {
    throw new Error(`Missing CDK context "${key}": set it in cdk.json or pass --context ${key}=…`);
  }
  return value;
}

/** Reads an optional context value. */
function optionalContext(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The built pages; `bin/gongkai.ts`, the local runtime and the infra tests run `buildWeb()` first. */
export const WEB_DIST = path.join(__dirname, '..', 'web', 'dist');

function builtWebDir(): string {
  if (!existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`${WEB_DIST} is missing: run buildWeb() (npx tsx web/build.ts) first`);
  return WEB_DIST;
}

/** Turns X-Ray tracing off for every service function: Lambda passes traces through, Powertools' Tracer stays unloaded. */
class FunctionTracingOff implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof ServiceFunction)) return;
    node.addEnvironment('POWERTOOLS_TRACE_ENABLED', 'false');
    (node.node.defaultChild as lambda.CfnFunction).tracingConfig = { mode: lambda.Tracing.PASS_THROUGH };
  }
}

/** Builds the gongkai stack into `app` from the context (shared by `bin/gongkai.ts`, the local runtime and tests). */
export function buildStack(app: App): GongkaiStack {
  const stack = new GongkaiStack(app, 'Gongkai', {
    senderEmail: requiredContext(app, 'gongkai:senderEmail'),
    publicBaseUrl: requiredContext(app, 'gongkai:publicBaseUrl'),
    webDir: builtWebDir(),
    alarmTopicName: optionalContext(app, 'gongkai:alarmTopicName') ?? 'gongkai-alarms',
    signInDomainPrefix: optionalContext(app, 'gongkai:signInDomainPrefix') ?? 'gongkai-staff',
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  // Context `gongkai:tracing=false`: no X-Ray for the functions (issue 15/17: the Tracer and the X-Ray SDK are most
  // of what Powertools adds to a cold start; they are then not loaded).
  if (optionalContext(app, 'gongkai:tracing') === 'false') Aspects.of(stack).add(new FunctionTracingOff());
  acknowledgeNagFindings(stack);
  return stack;
}
