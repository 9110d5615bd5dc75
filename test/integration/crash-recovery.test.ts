import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sampleApplication } from '../support/local-system';

/**
 * SIGKILL during a load of submissions with client tokens (issue #10): the local system runs as a child
 * process as a user starts it (`gongkai start`), is killed with SIGKILL mid-load, restarted on the same data
 * folder, and every payload that got no answer is sent again with its token. Each gets 201 or 200 with its
 * case, never 500; every case's acknowledgement is delivered (its replay says so); every receipt number
 * drawn is a case or a recorded void.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const ADMIN = 'crash-test-admin-token';
const LOAD = 40;
const KILL_AFTER_ANSWERS = 12;
const CONCURRENCY = 6;

interface Answer {
  status: number;
  body: {
    caseId?: string;
    receiptNumber?: string;
    trackingCodeDelivery?: string;
    error?: { code: string };
  };
}

/** Starts `gongkai start` on a free port; resolves with the child and its base URL once it prints it. */
/** How many reconciles the log of the data folder shows as finished. */
function reconcilesFinished(dataDir: string): number {
  const file = path.join(dataDir, 'logs', 'gongkai.log');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  return (text.match(/"msg":"reconcile finished"/g) ?? []).length;
}

/** Waits until the log shows one more finished reconcile than `before` (the restarted process's first). */
async function restartReconciled(dataDir: string, before: number): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (reconcilesFinished(dataDir) > before) return;
    if (Date.now() > deadline) throw new Error('the restarted system never finished its start reconcile');
    await sleep(250);
  }
}

function startChild(dataDir: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'local/cli.ts', 'start', '--port', '0', '--data', dataDir, '--staff-token', ADMIN],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        OUTBOX_LEASE_SECONDS: '3',
        OUTBOX_SWEEP_SECONDS: '1',
        CLIENT_TOKEN_LEASE_SECONDS: '2',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`gongkai start did not print its URL:\n${output.slice(-2000)}`)),
      150_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, baseUrl: match[1] });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gongkai start exited (${code}):\n${output.slice(-2000)}`));
    });
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );

async function post(baseUrl: string, body: unknown): Promise<Answer> {
  const response = await fetch(`${baseUrl}/v1/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

async function get<T>(baseUrl: string, route: string): Promise<T> {
  const response = await fetch(`${baseUrl}${route}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  if (response.status !== 200) throw new Error(`GET ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Sends every payload, `width` at a time; `onAnswer` may stop the load (answers after that are ignored). */
async function load(
  baseUrl: string,
  payloads: { token: string; body: unknown }[],
  width: number,
  answers: Map<string, Answer>,
  onAnswer: () => void = () => undefined,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < payloads.length) {
        const payload = payloads[next++];
        if (!payload) return;
        try {
          answers.set(payload.token, await post(baseUrl, payload.body));
          onAnswer();
        } catch {
          return; // the system died under this request: it stays unanswered
        }
      }
    }),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SIGKILL during a load of submissions with client tokens', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-crash-'));
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited(child);
      }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every resent payload with its case, delivers every acknowledgement and accounts for every receipt number', async () => {
    // Arrange: a load of distinct applications, each with its own client token.
    const payloads = Array.from({ length: LOAD }, (_, i) => {
      const token = `crash-load-${String(i).padStart(4, '0')}`;
      return {
        token,
        body: sampleApplication({ clientToken: token, information: { description: `请公开第${i}号文件` } }),
      };
    });
    const first = await startChild(dataDir);
    children.push(first.child);

    // Act: SIGKILL once some answers are in, with requests still in flight; restart; resend the unanswered.
    const beforeKill = new Map<string, Answer>();
    let killed = false;
    await load(first.baseUrl, payloads, CONCURRENCY, beforeKill, () => {
      if (!killed && beforeKill.size >= KILL_AFTER_ANSWERS) {
        killed = true;
        // A moment later, so that the requests in flight are caught between drawing and writing.
        setTimeout(() => first.child.kill('SIGKILL'), 30);
      }
    });
    await exited(first.child);
    const answeredBeforeKill = new Map([...beforeKill].filter(([, a]) => a.status === 201 || a.status === 200));
    const reconciledBefore = reconcilesFinished(dataDir);
    const second = await startChild(dataDir);
    children.push(second.child);
    // The restart is complete once its start reconcile has accounted for the numbers the killed process drew
    // (it runs in the background after "started"; numbers drawn before the restart are a case or void).
    await restartReconciled(dataDir, reconciledBefore);
    const afterRestart = new Map<string, Answer>();
    await load(
      second.baseUrl,
      payloads.filter((p) => !answeredBeforeKill.has(p.token)),
      CONCURRENCY,
      afterRestart,
    );

    // Assert: every resent payload answered 201 or 200 with its case, none 500.
    expect(killed).toBe(true);
    expect(answeredBeforeKill.size).toBeGreaterThanOrEqual(KILL_AFTER_ANSWERS);
    expect(afterRestart.size).toBe(LOAD - answeredBeforeKill.size);
    const unexpected = [...afterRestart].filter(([, a]) => ![200, 201].includes(a.status) || !a.body.caseId);
    expect(unexpected).toEqual([]);
    const caseOf = new Map([...answeredBeforeKill, ...afterRestart].map(([token, a]) => [token, a.body]));

    // Every case has its acknowledgement delivered: a replay of each payload says so (polling while the
    // outbox delivers what the killed process left behind), and it names the same case.
    const replays = new Map<string, Answer>();
    const deadline = Date.now() + 150_000;
    for (;;) {
      replays.clear();
      await load(second.baseUrl, payloads, CONCURRENCY, replays);
      if ([...replays.values()].every((r) => r.body.trackingCodeDelivery === 'sent') || Date.now() > deadline) break;
      await sleep(1_000);
    }
    const mismatched = payloads
      .map(({ token }) => ({ token, replay: replays.get(token), first: caseOf.get(token) }))
      .filter(
        ({ replay, first }) =>
          replay?.status !== 200 ||
          replay.body.caseId !== first?.caseId ||
          replay.body.receiptNumber !== first?.receiptNumber ||
          replay.body.trackingCodeDelivery !== 'sent',
      );
    expect(mismatched).toEqual([]);

    // Every receipt number drawn is a case or a recorded void, never both.
    const year = Number((caseOf.values().next().value?.receiptNumber ?? '').split('-')[1]);
    const receipts = await get<{ drawn: number; voids: { sequence: number; reason: string }[] }>(
      second.baseUrl,
      `/v1/agencies/niedui-town/receipt-voids?year=${year}`,
    );
    const caseNumbers = [...caseOf.values()].map((c) => Number(c.receiptNumber?.slice(-6)));
    expect(new Set(caseNumbers).size).toBe(LOAD);
    const accounted = [...caseNumbers, ...receipts.voids.map((v) => v.sequence)].sort((a, b) => a - b);
    expect(accounted).toEqual(Array.from({ length: receipts.drawn }, (_, i) => i + 1));
    process.stdout.write(
      `[measure] SIGKILL after ${answeredBeforeKill.size}/${LOAD} answers; resent ${afterRestart.size} ` +
        `(${[...afterRestart.values()].filter((a) => a.status === 200).length} replays); ` +
        `${receipts.drawn} numbers drawn, ${receipts.voids.length} void (${receipts.voids.map((v) => v.reason).join(', ')})\n`,
    );

    second.child.kill('SIGINT');
    await exited(second.child);
  }, 480_000);
});
