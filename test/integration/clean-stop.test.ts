import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sampleApplication } from '../support/local-system';

/**
 * Ctrl-C stops the local system cleanly (README; issue 17), with background work in flight. The system runs as a
 * user starts it, in a process group of its own as in a terminal, and the signal goes to the whole group as a
 * terminal sends it: through `npm start` (npm forwards the signal to its child as well, so it arrives twice), and
 * straight to `node --import tsx local/cli.ts start` with the repeat npm would add. A burst of submissions is
 * answered just before, so outbox deliveries (Word receipts) and timeline segments are running or waiting for
 * their turn when the signal arrives. Each stop must end with "已停止。" and exit code 0, the data folder's in-use
 * marker removed, and the next start on that folder must not need the index repair of an unclean stop.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const ADMIN = 'clean-stop-admin-token';
const BURST = 8;
const UNCLEAN = /unclean stop/;

interface Started {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the system as a user does, in its own process group; resolves once it says how to stop it. */
async function startAsUser(how: 'npm start' | 'node', dataDir: string): Promise<Started> {
  const args = ['--port', '0', '--data', dataDir, '--staff-token', ADMIN];
  const child =
    how === 'npm start'
      ? spawn('npm', ['start', '--silent', '--', ...args], {
          cwd: ROOT,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : spawn(process.execPath, ['--import', 'tsx', 'local/cli.ts', 'start', ...args], {
          cwd: ROOT,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 150_000;
  while (!output.includes('按 Ctrl-C 停止。')) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline)
      throw new Error(`gongkai start did not start:\n${output.slice(-2000)}`);
    await sleep(100);
  }
  const baseUrl = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1] ?? '';
  return { child, baseUrl, output: () => output, exit };
}

/** Resolves once no process of the group is left (npm's child may outlive npm by a moment). */
async function groupGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 600; i++) {
    try {
      process.kill(-pid, 0);
    } catch {
      return true;
    }
    await sleep(100);
  }
  return false;
}

describe('Ctrl-C with background work in flight', () => {
  const dataDirs: string[] = [];
  const groups: number[] = [];
  afterAll(() => {
    for (const pid of groups)
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it.each(['npm start', 'node'] as const)(
    'stops cleanly (%s): "已停止。", exit code 0, marker removed, the next start needs no repair',
    async (how) => {
      // Arrange: a started system with a burst of submissions just answered (their deliveries and timelines running).
      const dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-clean-stop-'));
      dataDirs.push(dataDir);
      const first = await startAsUser(how, dataDir);
      groups.push(first.child.pid ?? 0);
      const answers = await Promise.all(
        Array.from({ length: BURST }, (_, i) =>
          fetch(`${first.baseUrl}/v1/requests`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(
              sampleApplication({ clientToken: `clean-stop-${i}`, information: { description: `请公开第${i}号文件` } }),
            ),
          }).then((response) => response.status),
        ),
      );
      const stats = (await (
        await fetch(`${first.baseUrl}/_local/stats`, { headers: { authorization: `Bearer ${ADMIN}` } })
      ).json()) as { running: number };

      // Act: Ctrl-C to the process group, as a terminal sends it (and again, as npm forwards it).
      process.kill(-(first.child.pid ?? 0), 'SIGINT');
      if (how === 'node') setTimeout(() => process.kill(-(first.child.pid ?? 0), 'SIGINT'), 10);
      const exit = await first.exit;
      const gone = await groupGone(first.child.pid ?? 0);
      const marker = existsSync(path.join(dataDir, 'dynamodb.in-use'));

      // The next start on the same folder.
      const second = await startAsUser('node', dataDir);
      groups.push(second.child.pid ?? 0);
      process.kill(-(second.child.pid ?? 0), 'SIGINT');
      const secondExit = await second.exit;
      const log = readFileSync(path.join(dataDir, 'logs', 'gongkai.log'), 'utf8');

      // Assert
      expect(answers).toEqual(Array.from({ length: BURST }, () => 201));
      expect(stats.running).toBeGreaterThan(0);
      expect(first.output()).toContain('正在停止…');
      expect(first.output()).toContain('已停止。');
      if (how === 'node') expect(exit).toEqual({ code: 0, signal: null });
      expect(gone).toBe(true);
      expect(marker).toBe(false);
      expect(second.output()).not.toMatch(UNCLEAN);
      expect(log).not.toMatch(UNCLEAN);
      expect(second.output()).toContain('已停止。');
      expect(secondExit).toEqual({ code: 0, signal: null });
    },
    300_000,
  );
});
