/**
 * A newcomer's first hour with the local system (issue 13): email links that point at the site actually
 * running, a busy port said at once in Chinese, the mail kept in the data folder and shown on a Chinese page
 * with Beijing times, and API and CLI messages in Chinese only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ADMIN_TOKEN, sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

interface Submitted {
  caseId: string;
  receiptNumber: string;
  trackingCode: string;
}
interface ApiError {
  error: { code: string; message: string; rule?: string };
}

/** Runs the CLI to its end; the exit code and what it wrote. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [path.join(ROOT, 'local', 'cli.ts'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

describe('email links and API messages', () => {
  let t: TestSystem;

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2024-09-27T10:00:00+08:00' });
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('links the emails to the site at the port the local front actually listens on', async () => {
    // Arrange
    const port = new URL(t.baseUrl).port;
    expect(port).not.toBe('3000');

    // Act
    const { body } = await t.api<Submitted>('POST', '/v1/requests', { body: sampleApplication() });

    // Assert
    const emails = (await t.emails()).filter((e) => e.caseId === body.caseId);
    const acknowledgement = emails.find((e) => e.to.includes('zhangsan@example.cn'));
    const office = emails.find((e) => !e.to.includes('zhangsan@example.cn'));
    expect(acknowledgement?.text).toContain(`${t.baseUrl}/status.html?r=${body.receiptNumber}`);
    expect(office?.text).toContain(`${t.baseUrl}/console.html#/cases/${body.caseId}`);
    for (const email of emails) expect(email.text).not.toContain('localhost:3000');
  });

  it('answers 404 机构不存在 for an agency that does not exist, to an officer of another agency as well', async () => {
    // Act
    const officer = await t.api<ApiError>('GET', '/v1/cases?agencyId=no-such-town', { token: t.tokens['niedui-town'] });
    const report = await t.api<ApiError>('POST', '/v1/agencies/no-such-town/reports/2023', {
      token: t.tokens['niedui-town'],
    });
    const forbidden = await t.api<ApiError>('GET', '/v1/cases?agencyId=xihua-county', {
      token: t.tokens['niedui-town'],
    });

    // Assert
    expect(officer).toMatchObject({ status: 404, body: { error: { code: 'not_found', message: '机构不存在' } } });
    expect(report).toMatchObject({ status: 404, body: { error: { code: 'not_found', message: '机构不存在' } } });
    expect(forbidden.status).toBe(403);
  });

  it('names the article of a refused action once, in Chinese', async () => {
    // Arrange
    const { body } = await t.api<Submitted>('POST', '/v1/requests', { body: sampleApplication() });

    // Act: a supplement received although none was requested (Art. 30); a second receipt (Art. 31, no article in the domain's words)
    const refused = await t.api<ApiError>('POST', `/v1/cases/${body.caseId}/actions`, {
      token: t.tokens['niedui-town'],
      body: { type: 'supplement_received', expectedVersion: 1 },
    });

    // Assert
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe('未发出补正告知，不能登记收到补正（第三十条）');
    expect(refused.body.error.rule).toBe('Art. 30');
  });
});

describe('the local mail page', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-mail-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lists the emails of the first run after a restart, newest first, in Beijing time, behind the admin token', async () => {
    // Arrange: a first run sends the acknowledgement and the office notice at 10:00 Beijing time
    const first = await startTestSystem({ dataDir, virtualClock: '2024-09-27T10:00:00+08:00' });
    const { body: submitted } = await first.api<Submitted>('POST', '/v1/requests', { body: sampleApplication() });
    await first.advanceTo('2024-09-27T10:01:00+08:00'); // the new case's timeline has planned its first wait
    const sent = await first.emails();
    await first.stop();
    expect(sent.length).toBeGreaterThanOrEqual(2);

    // Act: a second run on the same data folder
    const second = await startTestSystem({ dataDir, virtualClock: '2024-09-27T10:02:00+08:00' });
    try {
      await second.advanceTo('2024-09-27T10:03:00+08:00'); // the reconcile's timeline settled
      const anonymous = await fetch(`${second.baseUrl}/_local/mail`);
      const signIn = await fetch(`${second.baseUrl}/_local/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: ADMIN_TOKEN, returnTo: '/_local/mail' }).toString(),
        redirect: 'manual',
      });
      const wrong = await fetch(`${second.baseUrl}/_local/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: 'wrong', returnTo: '/_local/mail' }).toString(),
        redirect: 'manual',
      });
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const page = await fetch(`${second.baseUrl}/_local/mail`, { headers: { cookie } });
      const html = await page.text();

      // Assert
      const anonymousHtml = await anonymous.text();
      expect(anonymousHtml).toContain('管理员令牌');
      expect(anonymousHtml).not.toContain(submitted.receiptNumber);
      expect(await wrong.text()).toContain('令牌无效');
      expect(wrong.headers.get('set-cookie')).toBeNull();
      expect(signIn.status).toBe(303);
      expect(signIn.headers.get('location')).toBe('/_local/mail');
      expect(signIn.headers.get('set-cookie')).toMatch(/HttpOnly/);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toContain(`共 <strong id="mail-count">${sent.length}</strong> 封`);
      for (const email of sent) expect(html).toContain(email.subject);
      expect(html).toContain(submitted.receiptNumber);
      expect(html).toContain('2024-09-27 10:00'); // Beijing time, not 02:00 UTC
      expect(html).not.toContain('2024-09-27T02:00');
      expect((await second.emails()).map((e) => e.messageId)).toEqual(sent.map((e) => e.messageId));
    } finally {
      await second.stop();
    }
  });
});

describe('gongkai on the command line', () => {
  it('ends `gongkai start` on a busy port with a Chinese message and exit code 1', async () => {
    // Arrange
    const busy = createServer();
    const port = await listen(busy);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-busy-'));
    try {
      // Act
      const started = Date.now();
      const result = await runCli(['start', '--port', String(port), '--data', dataDir]);
      process.stdout.write(`gongkai start on a busy port ended after ${Date.now() - started} ms\n`);

      // Assert
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`端口 ${port} 已被占用`);
      expect(result.stderr).not.toMatch(/EADDRINUSE|Error/);
      expect(result.stdout).not.toContain('已启动');
    } finally {
      busy.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('says in Chinese when `gongkai report` finds no running system, and names a missing option value', async () => {
    // Arrange: a port nothing listens on
    const closed = createServer();
    const port = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    // Act
    const unreachable = await runCli([
      'report',
      '--agency',
      'niedui-town',
      '--year',
      '2024',
      '--api',
      `http://127.0.0.1:${port}/v1`,
    ]);
    const missing = await runCli(['report', '--agency']);

    // Assert
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(`无法连接本地系统 http://127.0.0.1:${port}/v1`);
    expect(unreachable.stderr).not.toContain('fetch failed');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('选项 --agency 缺少取值');
    expect(missing.stderr).not.toMatch(/Option|argument missing/);
  });
});
