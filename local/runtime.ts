import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { buildWeb } from '../web/build';
import {
  ANNUAL_REPORT_SCHEDULE,
  DIGEST_SCHEDULE,
  nextRun,
  RECONCILE_SCHEDULE,
  type CronSchedule,
} from '../lib/schedules';
import { useClock } from '../functions/shared/system-clock';
import { saveAgency } from '../functions/admin/agencies';
import { makeAgencyRepository } from '../functions/shared/store/agency-repository';
import { makeReceiptRepository } from '../functions/shared/store/receipt-repository';
import { counterKey } from '../functions/shared/receipt-ledger';
import { resetSearchKey } from '../functions/shared/search-hash';
import { makeBackgroundLane, type BackgroundLane } from './background-lane';
import { makeRealClock, makeVirtualClock, type LocalClock } from './clock';
import { useInvocationScopes } from './invocations';
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
export const LOCAL_CASE_FILES_BUCKET_NAME = LOCAL_DIFFERENCES.overrides.CASE_FILES_BUCKET_NAME.local;
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
  /** Real time, but starting from this instant (the clock runs at real speed from there; not steppable). */
  clockStart?: Date;
  /** An administrator token: every role (officer, head, admin) in every agency. */
  staffToken?: string;
  /** Seed the example agencies, reconcile timelines and run the local cron (default true with a front). */
  background?: boolean;
  /** The site's address in email links; default the front's own URL (`http://127.0.0.1:<port>`). */
  publicBaseUrl?: string;
  /**
   * Real clock only: how often the reconcile job runs besides its daily schedule (default 5 minutes),
   * so a timeline that FAILED is restarted within minutes, not the next day.
   */
  reconcileIntervalMs?: number;
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
  caseFilesBucketName: string;
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

/** The largest request the local Step Functions endpoint reads (an execution input may be 256 KB in AWS). */
const SFN_MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * The local Step Functions endpoint (AWS JSON 1.0 protocol). Whatever arrives, it answers: a malformed
 * request gets 400 with the AWS error shape `{ __type, message }`, never a crash of the process.
 */
async function startSfnEndpoint(stepFunctions: LocalStepFunctions): Promise<{ url: string; server: Server }> {
  const answer = (response: ServerResponse, status: number, body: unknown, errorType?: string): void => {
    if (response.headersSent) return;
    response.writeHead(status, {
      'content-type': 'application/x-amz-json-1.0',
      ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
    });
    response.end(JSON.stringify(body));
  };
  const fail = (response: ServerResponse, status: number, code: string, message: string): void =>
    answer(response, status, { __type: code, message }, code);
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= SFN_MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    request.on('error', () => response.destroy());
    request.on('end', () => {
      const action =
        String(request.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '';
      if (size > SFN_MAX_REQUEST_BYTES) return fail(response, 413, 'ValidationException', 'Request too large');
      let body: unknown = {};
      try {
        if (chunks.length) body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return fail(response, 400, 'SerializationException', 'The request body is not valid JSON');
      }
      if (!body || typeof body !== 'object' || Array.isArray(body))
        return fail(response, 400, 'SerializationException', 'The request body must be a JSON object');
      stepFunctions.handle(action, body as Record<string, unknown>).then(
        (result) => answer(response, 200, result),
        (error: unknown) => {
          if (error instanceof SfnServiceError) return fail(response, 400, error.code, error.message);
          console.error('local Step Functions error', error);
          return fail(response, 500, 'InternalFailure', 'Internal failure');
        },
      );
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
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
  const clock = options.virtualClock ? makeVirtualClock(options.virtualClock) : makeRealClock(options.clockStart);
  useClock(() => clock.now());
  // Before any SDK call or handler: each local invocation gets its own scope (request id, metrics).
  await useInvocationScopes();

  const servers = await startServers({
    dataDir,
    bucketName: LOCAL_BUCKET_NAME,
    caseFilesBucketName: LOCAL_CASE_FILES_BUCKET_NAME,
  });
  const mail = openMailStore(dataDir);
  await ensureCaseTable(servers.dynamodbUrl, LOCAL_TABLE_NAME, dataDir);

  if (!existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) await buildWeb();
  const template = synthesizeTemplate();
  const machines = localStateMachines(template);
  const timeline = machines.find((m) => m.path.includes('/ReplyTimeline/StateMachine/'));
  if (!timeline) throw new Error('The synthesised template has no reply timeline state machine');
  // The outbox sender and the timelines' tasks are other functions in AWS: locally they wait behind the answers.
  const lane = makeBackgroundLane();
  const stepFunctions = makeLocalStepFunctions(machines, clock, lane);
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
      localFunctionEnvironments(template, {
        tableName: LOCAL_TABLE_NAME,
        bucketName: LOCAL_BUCKET_NAME,
        searchHashKey: loadOrCreateSearchKey(path.join(dataDir, 'search-key')),
      }),
    ),
    // Local SES answers in milliseconds: short leases and retries (a test may set its own).
    OUTBOX_LEASE_SECONDS: process.env.OUTBOX_LEASE_SECONDS ?? '15',
    OUTBOX_RETRY_BASE_SECONDS: process.env.OUTBOX_RETRY_BASE_SECONDS ?? '1',
    OUTBOX_RETRY_MAX_SECONDS: process.env.OUTBOX_RETRY_MAX_SECONDS ?? '5',
    // No X-Ray locally (Powertools' Tracer is off outside Lambda anyway; said here so nothing tries a daemon).
    POWERTOOLS_TRACE_ENABLED: 'false',
  });
  resetSearchKey();
  const outbox = await startOutboxDelivery(clock, lane);

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
  // Each counter's last receipt number before this process serves a request: all of them were drawn by an earlier
  // process whose requests have ended, so the reconcile makes each a case or a void, whatever is drawn meanwhile.
  const drawnUpTo: Record<string, number> = {};
  if (background) {
    const receipts = makeReceiptRepository(clients.document, LOCAL_TABLE_NAME);
    for (const agencyId of agencyIds)
      for (const counter of await receipts.counters(agencyId))
        drawnUpTo[counterKey(agencyId, counter.year)] = counter.last;
  }
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
  /**
   * Stops in order: the front first (no request starts more background work), then `before` (the cron and the
   * reconcile), the outbox sender and the executions (their running tasks awaited, so their writes land), and
   * last the endpoints and servers (the DynamoDB thread closes its LevelDB, then the in-use marker goes). A part
   * that fails does not keep the later ones open; the first failure is thrown once everything is closed.
   */
  const stopParts = async (before?: () => Promise<void>): Promise<void> => {
    const failures: unknown[] = [];
    const step = async (part: () => Promise<void> | void): Promise<void> => {
      try {
        await part();
      } catch (error) {
        failures.push(error);
      }
    };
    if (front) {
      const { server } = front;
      await step(() => closeServer(server));
    }
    if (before) await step(before);
    await step(() => outbox.stop());
    await step(() => stepFunctions.stopAll());
    await step(() => closeServer(sfnEndpoint.server));
    await step(() => mail.close());
    await step(() => servers.close());
    Object.values(clients).forEach((client) => client.destroy());
    if (failures.length) throw failures[0];
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
    // Everything else here shows tracking codes or moves the clock: the administrator only.
    if (!localAccess(headers))
      return headers.authorization
        ? { status: 403, body: { error: { code: 'forbidden', message: '本地管理接口仅限管理员' } } }
        : { status: 401, body: { error: { code: 'unauthorized', message: '本地管理接口需要管理员令牌' } } };
    if (route === '/_local/emails' && method === 'GET') {
      await outbox.settled(); // every email a request that answered asked for has been handed to SES (or failed)
      return { status: 200, body: mail.list() };
    }
    if (route === '/_local/clock' && method === 'GET')
      return { status: 200, body: { now: clock.now().toISOString(), virtual: clock.virtual } };
    if (route === '/_local/clock' && method === 'PUT') {
      let requested: unknown;
      try {
        requested = (JSON.parse(body || '{}') as { now?: unknown } | null)?.now;
      } catch {
        requested = undefined;
      }
      const now = typeof requested === 'string' ? Date.parse(requested) : Number.NaN;
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
        lane,
        authenticate,
        connectOrigins: [servers.s3Url],
        localRoutes: (method, route, body, _query, headers) => localRoute(method, route, body, headers),
      });
    } catch (error) {
      await stopParts();
      throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? new PortInUseError(options.port) : error;
    }
    // Email links point at this very site, whatever port it got.
    process.env.PUBLIC_BASE_URL = options.publicBaseUrl ?? front.url;
  }

  const cron = new AbortController();
  if (background) {
    // The reconcile runs in the background (it never delays "started"); the virtual clock's first move waits for it.
    const reconcile = (why: string) => reconcileTimelines(why, startedAt, drawnUpTo);
    void clock.track(() => reconcile('start'));
    startCron(clock, ANNUAL_REPORT_SCHEDULE, cron.signal, 'annual report', async (at) => {
      const scheduled = await loadHandler('functions/annual-report/handler.ts#scheduled');
      await scheduled({ source: 'local.scheduler', time: at.toISOString() }, { awsRequestId: 'local-cron' });
    });
    // Daily at 09:00: the reminder digests (design.md §9); PUT /_local/clock waits for them like for timelines.
    startCron(clock, DIGEST_SCHEDULE, cron.signal, 'digest', async (at) => {
      const tracker = await loadHandler('functions/deadline-tracker/handler.ts#handler');
      await tracker({ task: 'digest', time: at.toISOString() }, { awsRequestId: 'local-digest' });
    });
    startCron(clock, RECONCILE_SCHEDULE, cron.signal, 'reconcile', () => reconcile('daily'));
    if (!clock.virtual) startInterval(options.reconcileIntervalMs ?? 5 * 60_000, cron.signal, reconcile);
  }

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
    caseFilesBucketName: LOCAL_CASE_FILES_BUCKET_NAME,
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
      await stopParts(async () => {
        cron.abort();
        await reconciling;
      });
    },
  };
}

/** How often the local outbox sweeper looks for notices due (real time), unless `OUTBOX_SWEEP_SECONDS` says otherwise. */
const OUTBOX_SWEEP_MS = (Number(process.env.OUTBOX_SWEEP_SECONDS) || 2) * 1000;
/** How many scopes handed over after writes are delivered at once locally, unless `OUTBOX_SENDERS` says otherwise. */
const OUTBOX_SENDERS = Number(process.env.OUTBOX_SENDERS) || 2;

/** Runs at most `width` of the given works at a time; the others wait for a place, in order. */
function limit(width: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (work) => {
    if (active >= width) await new Promise<void>((resolve) => waiting.push(resolve));
    else active += 1;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

/**
 * The outbox sender in-process: a scope requested right after a write is delivered as a task the clock
 * counts (so `PUT /_local/clock` waits for it), and a sweeper on real time delivers whatever is due
 * (retries after an SES outage, claims whose lease ran out after a crash, outboxes a crash left behind).
 */
async function startOutboxDelivery(clock: LocalClock, lane: BackgroundLane) {
  const outbox = await import('../functions/shared/notify/outbox');
  // What delivery needs first (the deferred documents), as the sender Lambda composes it.
  const sender = await import('../functions/outbox-sender/handler');
  outbox.useCasePreparation(sender.prepareCase);
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
  // Like the sender Lambda's own containers, a few senders work at a time: under a burst of submissions the
  // answers do not share the one local process with every email at once; the rest queue (and are counted busy).
  const senders = limit(OUTBOX_SENDERS);
  // Each delivery starts at its turn behind the API requests in flight (background-lane.ts).
  outbox.useDeliveryTrigger(
    (scope) => void run(() => senders(() => lane.turn().then(() => outbox.deliverScope(scope)))),
  );
  // The periodic sweep (retries, expired leases) waits for a moment without API requests: under load the
  // deliveries requested by the writes go on at their turns, and a sweep would deliver all of them at once.
  const timer = setInterval(() => {
    if (!lane.busy()) void sweep();
  }, OUTBOX_SWEEP_MS);
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
      outbox.useCasePreparation(undefined);
    },
  };
}

let reconciling: Promise<void> | undefined;

/**
 * The same reconcile task the daily schedule runs in AWS: a timeline for every open case lacking one
 * (never started, FAILED, lost in a restart). One run at a time; a call while one runs joins it.
 */
function reconcileTimelines(why: string, drawnBefore: Date, drawnUpTo: Record<string, number>): Promise<void> {
  reconciling ??= (async () => {
    try {
      const tracker = await loadHandler('functions/deadline-tracker/handler.ts#handler');
      // Every receipt number drawn before this start belongs to a request of an earlier process: it is a case or void.
      await tracker(
        { task: 'reconcile', drawnBefore: drawnBefore.toISOString(), drawnUpTo },
        { awsRequestId: `local-reconcile-${why}` },
      );
    } catch (error) {
      console.error('reconcile failed', error);
    } finally {
      reconciling = undefined;
    }
  })();
  return reconciling;
}

/** A schedule of lib/schedules.ts on the local clock (EventBridge Scheduler's stand-in). */
function startCron(
  clock: LocalClock,
  schedule: CronSchedule,
  signal: AbortSignal,
  name: string,
  job: (at: Date) => Promise<void>,
): void {
  void clock.track(async () => {
    for (;;) {
      const at = nextRun(schedule, clock.now());
      await clock.sleepUntil(at, signal);
      if (signal.aborted) return;
      try {
        await job(at);
      } catch (error) {
        console.error(`${name} schedule failed`, error);
      }
    }
  });
}

/** Real time only: runs `job` every `everyMs` until `signal` aborts. */
function startInterval(everyMs: number, signal: AbortSignal, job: (why: string) => Promise<void>): void {
  const timer = setInterval(() => void job('interval'), everyMs);
  timer.unref();
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
