import { App } from 'aws-cdk-lib';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
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
  acknowledgeNagFindings(stack);
  return stack;
}
