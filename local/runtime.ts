import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { buildWeb } from '../web/build';
import { ANNUAL_REPORT_SCHEDULE, DIGEST_SCHEDULE, nextRun } from '../lib/schedules';
import { useClock } from '../functions/shared/system-clock';
import { saveAgency } from '../functions/admin/agencies';
import { makeAgencyRepository } from '../functions/shared/store/agency-repository';
import { resetSearchKey } from '../functions/shared/search-hash';
import { makeRealClock, makeVirtualClock, type LocalClock } from './clock';
import { startHttpFront, type LocalAnswer } from './http-front';
import { renderLocalSignIn, renderMailPage } from './mail-page';
import { openMailStore } from './mail-store';
import { assertPortFree, PortInUseError } from './port';
import { makeLocalStaffTokens, type LocalStaffTokens } from './staff-tokens';
import { EXAMPLE_AGENCIES } from './seed';
import { ensureCaseTable, LOCAL_CREDENTIALS, startServers } from './servers';
import { makeLocalStepFunctions, SfnServiceError, type LocalStepFunctions } from './stepfunctions';
import {
  LOCAL_DIFFERENCES,
  LOCAL_REGION,
  loadHandler,
  localFunctionEnvironments,
  localStateMachines,
  mergedLocalEnvironment,
  synthesizeTemplate,
} from './template';

export const LOCAL_TABLE_NAME = 'gongkai-cases';
export const LOCAL_BUCKET_NAME = 'gongkai-reports';
export const LOCAL_SENDER = LOCAL_DIFFERENCES.overrides.SENDER_EMAIL.local;
const ROOT = path.resolve(__dirname, '..');

export type { LocalEmail } from './mail-store';
export { PortInUseError } from './port';

/** The cookie that carries the administrator's token for the local pages (`/_local/mail`) in a browser. */
const LOCAL_COOKIE = 'gongkai_local';

function cookieOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of String(headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

export interface LocalSystemOptions {
  /** Data folder (DynamoDB LevelDB files, S3 objects, staff tokens); default `.gongkai/`. */
  dataDir: string;
  /** Port of the HTTP front (web + API); 0 picks a free one. Omit to start no front (services only). */
  port?: number;
  /** Start a virtual clock at this instant instead of real time. */
  virtualClock?: Date;
  /** An administrator token: every role (officer, head, admin) in every agency. */
  staffToken?: string;
  /** Seed the example agencies, reconcile timelines and run the local cron (default true with a front). */
  background?: boolean;
  /** The site's address in email links; default the front's own URL (`http://127.0.0.1:<port>`). */
  publicBaseUrl?: string;
}

export interface LocalSystem {
  urls: { web?: string; api?: string; mail: string; dynamodb: string; s3: string; ses: string; sfn: string };
  clients: {
    dynamodb: DynamoDBClient;
    document: DynamoDBDocumentClient;
    s3: S3Client;
    ses: SESv2Client;
    sfn: SFNClient;
  };
  tableName: string;
  bucketName: string;
  timelineArn: string;
  stateMachines: { path: string; arn: string }[];
  clock: LocalClock;
  stepFunctions: LocalStepFunctions;
  /** Officer tokens per agency at start, and the administrator's under `*` (design.md §9 Roles). */
  staffTokens: Record<string, string>;
  /** Head tokens per agency at start (`<agencyId>:head`). */
  headTokens: Record<string, string>;
  /** The administrator token (`--staff-token`, or a saved generated one): every role in every agency. */
  adminToken: string;
  /** The local token standing for a Cognito group (`<agencyId>`, `<agencyId>:head`, `gongkai-admin`), made on first use. */
  tokens: LocalStaffTokens;
  /** Fault injection for tests: stop and restart the local SES (same port; the emails it holds are kept). */
  faults: { sesDown(): Promise<void>; sesUp(): Promise<void> };
  /** Delivers every outbox notice due now (what a clock step does); answers how many are still pending. */
  drainOutbox(): Promise<number>;
  stop(): Promise<void>;
}

/** The key of the applicant search hashes (design.md §9), made once per data folder and kept beside the data. */
function loadOrCreateSearchKey(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

async function startSfnEndpoint(stepFunctions: LocalStepFunctions): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const action =
        String(request.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '';
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      stepFunctions.handle(action, body).then(
        (result) => {
          response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
          response.end(JSON.stringify(result));
        },
        (error: unknown) => {
          const code = error instanceof SfnServiceError ? error.code : 'InternalFailure';
          response.writeHead(error instanceof SfnServiceError ? 400 : 500, {
            'content-type': 'application/x-amz-json-1.0',
            'x-amzn-errortype': code,
          });
          response.end(JSON.stringify({ __type: code, message: (error as Error).message }));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/**
 * Starts the whole system on this machine: the local AWS servers, the local Step Functions running the
 * state machines synthesised from the CDK stack, the handlers (in-process, configured through the same
 * environment variables as in Lambda), and optionally the HTTP front, the seed data, the reconcile job and
 * the annual-report cron. Integration tests and `gongkai start` use this one function.
 */
export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const startedAt = new Date();
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  // A busy port is found before anything starts (the front listens only after the stack is synthesised).
  if (options.port !== undefined) await assertPortFree(options.port);
  const clock = options.virtualClock ? makeVirtualClock(options.virtualClock) : makeRealClock();
  useClock(() => clock.now());

  const servers = await startServers({ dataDir, bucketName: LOCAL_BUCKET_NAME });
  const mail = openMailStore(dataDir);
  await ensureCaseTable(servers.dynamodbUrl, LOCAL_TABLE_NAME, dataDir);

  if (!existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) await buildWeb();
  const template = synthesizeTemplate();
  const machines = localStateMachines(template);
  const timeline = machines.find((m) => m.path.includes('/ReplyTimeline/'));
  if (!timeline) throw new Error('The synthesised template has no reply timeline state machine');
  const stepFunctions = makeLocalStepFunctions(machines, clock);
  const sfnEndpoint = await startSfnEndpoint(stepFunctions);

  // The handlers read exactly the configuration they read in Lambda.
  Object.assign(process.env, {
    GONGKAI_LOCAL: 'true',
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: servers.dynamodbUrl,
    AWS_ENDPOINT_URL_S3: servers.s3Url,
    AWS_ENDPOINT_URL_SESV2: servers.sesUrl,
    AWS_ENDPOINT_URL_SFN: sfnEndpoint.url,
    // Each function's variables come from the synthesised template (LOCAL_DIFFERENCES says what differs).
    ...mergedLocalEnvironment(
      localFunctionEnvironments(template, { tableName: LOCAL_TABLE_NAME, bucketName: LOCAL_BUCKET_NAME }),
    ),
    // Local SES answers in milliseconds: short leases and retries (a test may set its own).
    OUTBOX_LEASE_SECONDS: process.env.OUTBOX_LEASE_SECONDS ?? '15',
    OUTBOX_RETRY_BASE_SECONDS: process.env.OUTBOX_RETRY_BASE_SECONDS ?? '1',
    OUTBOX_RETRY_MAX_SECONDS: process.env.OUTBOX_RETRY_MAX_SECONDS ?? '5',
    SEARCH_HASH_KEY: loadOrCreateSearchKey(path.join(dataDir, 'search-key')),
  });
  resetSearchKey();
  const outbox = await startOutboxDelivery(clock);

  const clientConfig = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const dynamodb = new DynamoDBClient({ ...clientConfig, endpoint: servers.dynamodbUrl });
  const clients = {
    dynamodb,
    document: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
    s3: new S3Client({
      ...clientConfig,
      endpoint: servers.s3Url,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
    ses: new SESv2Client({ ...clientConfig, endpoint: servers.sesUrl }),
    sfn: new SFNClient({ ...clientConfig, endpoint: sfnEndpoint.url }),
  };

  const background = options.background ?? options.port !== undefined;
  const agencies = makeAgencyRepository(clients.document, LOCAL_TABLE_NAME);
  // The seed goes through the administration's own code (validation, prefix claim); an existing agency is kept.
  if (background)
    for (const { agencyId, ...settings } of EXAMPLE_AGENCIES)
      if (!(await agencies.get(agencyId)))
        await saveAgency(agencies, { agencyId, body: JSON.stringify(settings) }, 'seed', clock.now());
  const agencyIds = (await agencies.list()).map((a) => a.agencyId);
  const tokens = makeLocalStaffTokens(path.join(dataDir, 'staff-tokens.json'), {
    ...(options.staffToken ? { adminToken: options.staffToken } : {}),
  });
  const authenticate = (token: string) => tokens.authenticate(token);

  let front: { url: string; server: Server } | undefined;
  const closeServer = (server: Server) =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const stopParts = async (): Promise<void> => {
    await outbox.stop();
    await stepFunctions.stopAll();
    if (front) await closeServer(front.server);
    await closeServer(sfnEndpoint.server);
    mail.close();
    await servers.close();
    Object.values(clients).forEach((client) => client.destroy());
  };
  /** The local pages accept the administrator's token as a bearer token or, in a browser, as a cookie. */
  const localAccess = (headers: IncomingHttpHeaders): boolean => {
    const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
    return bearer === tokens.admin || cookieOf(headers, LOCAL_COOKIE) === tokens.admin;
  };
  /** The `/_local/` routes: the mail page and its sign-in, the emails, the clock, the engine's statistics. */
  const localRoute = async (
    method: string,
    route: string,
    body: string,
    headers: IncomingHttpHeaders,
  ): Promise<LocalAnswer | undefined> => {
    if (route === '/_local/sign-in' && method === 'POST') {
      const form = new URLSearchParams(body);
      const asked = form.get('returnTo') ?? '';
      const returnTo = /^\/_local\/[a-z]+$/.test(asked) ? asked : '/_local/mail';
      if (form.get('token') !== tokens.admin) return { status: 200, html: renderLocalSignIn(returnTo, true) };
      return {
        status: 303,
        headers: {
          location: returnTo,
          'set-cookie': `${LOCAL_COOKIE}=${encodeURIComponent(tokens.admin)}; Path=/_local; HttpOnly; SameSite=Strict`,
        },
      };
    }
    if (route === '/_local/mail' && method === 'GET') {
      // A page for a browser: the sign-in form itself, not an error status.
      if (!localAccess(headers)) return { status: 200, html: renderLocalSignIn('/_local/mail', false) };
      await outbox.settled();
      return { status: 200, html: renderMailPage(mail.list(), clock.now()) };
    }
    if (route === '/_local/emails' && method === 'GET') {
      await outbox.settled(); // every email a request that answered asked for has been handed to SES (or failed)
      return { status: 200, body: mail.list() };
    }
    if (route === '/_local/clock' && method === 'GET')
      return { status: 200, body: { now: clock.now().toISOString(), virtual: clock.virtual } };
    if (route === '/_local/clock' && method === 'PUT') {
      const now = Date.parse((JSON.parse(body || '{}') as { now?: string }).now ?? '');
      if (!clock.virtual)
        return {
          status: 409,
          body: { error: { code: 'real_clock', message: '实时时钟不可调整；请以 --virtual-clock 启动' } },
        };
      if (Number.isNaN(now))
        return {
          status: 400,
          body: {
            error: {
              code: 'validation_failed',
              message: 'now 必须是 ISO 时间',
              fields: [{ path: 'now', message: 'now 必须是 ISO 时间' }],
            },
          },
        };
      if (now < clock.now().getTime())
        return { status: 409, body: { error: { code: 'clock_backwards', message: '虚拟时钟只能向前调整' } } };
      await clock.advanceTo(new Date(now));
      // Every notice due by then is handed to the local SES (a retry still backing off answers as pending).
      const pending = await outbox.drain();
      return {
        status: 200,
        body: { now: clock.now().toISOString(), ...(pending ? { pendingNotices: pending } : {}) },
      };
    }
    if (route === '/_local/stats' && method === 'GET') return { status: 200, body: stepFunctions.stats() };
    return undefined;
  };
  if (options.port !== undefined) {
    const webDist = path.join(ROOT, 'web', 'dist');
    try {
      front = await startHttpFront({
        port: options.port,
        webDir: existsSync(webDist) ? webDist : path.join(ROOT, 'web'),
        clock,
        authenticate,
        localRoutes: (method, route, body, _query, headers) => localRoute(method, route, body, headers),
      });
    } catch (error) {
      await stopParts();
      throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? new PortInUseError(options.port) : error;
    }
    // Email links point at this very site, whatever port it got.
    process.env.PUBLIC_BASE_URL = options.publicBaseUrl ?? front.url;
  }

  const cron = background ? startCron(clock) : undefined;
  if (background) await reconcileTimelines(startedAt);

  return {
    urls: {
      ...(front ? { web: `${front.url}/`, api: `${front.url}/v1` } : {}),
      mail: front ? `${front.url}/_local/mail` : `${servers.sesUrl}/`,
      dynamodb: servers.dynamodbUrl,
      s3: servers.s3Url,
      ses: servers.sesUrl,
      sfn: sfnEndpoint.url,
    },
    clients,
    tableName: LOCAL_TABLE_NAME,
    bucketName: LOCAL_BUCKET_NAME,
    timelineArn: timeline.arn,
    stateMachines: machines.map((m) => ({ path: m.path, arn: m.arn })),
    clock,
    stepFunctions,
    staffTokens: tokens.officers(agencyIds),
    headTokens: tokens.heads(agencyIds),
    adminToken: tokens.admin,
    tokens,
    faults: { sesDown: () => servers.ses.pause(), sesUp: () => servers.ses.resume() },
    drainOutbox: () => outbox.drain(),
    async stop() {
      cron?.abort();
      await stopParts();
    },
  };
}

/** How often the local outbox sweeper looks for notices due (real time), unless `OUTBOX_SWEEP_SECONDS` says otherwise. */
const OUTBOX_SWEEP_MS = (Number(process.env.OUTBOX_SWEEP_SECONDS) || 2) * 1000;

/**
 * The outbox sender in-process: a scope requested right after a write is delivered as a task the clock
 * counts (so `PUT /_local/clock` waits for it), and a sweeper on real time delivers whatever is due
 * (retries after an SES outage, claims whose lease ran out after a crash, outboxes a crash left behind).
 */
async function startOutboxDelivery(clock: LocalClock) {
  const outbox = await import('../functions/shared/notify/outbox');
  const inflight = new Set<Promise<unknown>>();
  const run = (work: () => Promise<unknown>): Promise<unknown> => {
    const task: Promise<unknown> = clock
      .track(work)
      .catch((error: unknown) => console.error('outbox delivery failed', error))
      .finally(() => inflight.delete(task));
    inflight.add(task);
    return task;
  };
  let sweeping: Promise<unknown> | undefined;
  const sweep = (): Promise<unknown> =>
    (sweeping ??= run(() => outbox.deliverDue()).finally(() => {
      sweeping = undefined;
    }));
  outbox.useDeliveryTrigger((scope) => void run(() => outbox.deliverScope(scope)));
  const timer = setInterval(() => void sweep(), OUTBOX_SWEEP_MS);
  timer.unref();
  const settled = async (): Promise<void> => {
    while (inflight.size) await Promise.allSettled([...inflight]);
  };
  return {
    settled,
    /** Delivers everything due now; answers how many notices are still pending (retrying). */
    async drain(): Promise<number> {
      await settled();
      await sweep();
      await settled();
      return outbox.pendingCount();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      await settled();
      outbox.useDeliveryTrigger(undefined);
    },
  };
}

/** The same reconcile task the daily schedule runs in AWS: a timeline for every open case lacking one. */
async function reconcileTimelines(startedAt: Date): Promise<void> {
  const tracker = await loadHandler('functions/deadline-tracker/handler.ts#handler');
  // Every receipt number drawn before this start belongs to a request of an earlier process: it is a case or void.
  await tracker({ task: 'reconcile', drawnBefore: startedAt.toISOString() }, { awsRequestId: 'local-reconcile' });
}

/** The annual-report and digest schedules on the local clock (EventBridge Scheduler's stand-in). */
function startCron(clock: LocalClock): AbortController {
  const controller = new AbortController();
  // Daily at 09:00: the reminder digests (design.md §9); PUT /_local/clock waits for them like for timelines.
  void clock.track(async () => {
    for (;;) {
      const at = nextRun(DIGEST_SCHEDULE, clock.now());
      await clock.sleepUntil(at, controller.signal);
      if (controller.signal.aborted) return;
      try {
        const tracker = await loadHandler('functions/deadline-tracker/handler.ts#handler');
        await tracker({ task: 'digest', time: at.toISOString() }, { awsRequestId: 'local-digest' });
      } catch (error) {
        console.error('digest schedule failed', error);
      }
    }
  });
  void clock.track(async () => {
    for (;;) {
      const at = nextRun(ANNUAL_REPORT_SCHEDULE, clock.now());
      await clock.sleepUntil(at, controller.signal);
      if (controller.signal.aborted) return;
      try {
        const scheduled = await loadHandler('functions/annual-report/handler.ts#scheduled');
        await scheduled({ source: 'local.scheduler', time: at.toISOString() }, { awsRequestId: 'local-cron' });
      } catch (error) {
        console.error('annual report schedule failed', error);
      }
    }
  });
  return controller;
}
