import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startLocalSystem, type LocalEmail, type LocalSystem } from '../../local/runtime';

/** A local system with its HTTP front for a test, in a fresh data folder, and small helpers to call it. */
export interface TestSystem {
  system: LocalSystem;
  baseUrl: string;
  dataDir: string;
  /** Officer tokens per agency (`xihua-county`, `niedui-town`) and the administrator's (`*`). */
  tokens: Record<string, string>;
  /** Head-of-office tokens per agency (`<agencyId>:head`: sees what an officer sees, approves extensions). */
  headTokens: Record<string, string>;
  /** The administrator token (`gongkai-admin`; every role in every agency). */
  adminToken: string;
  /** The token of any Cognito group, e.g. the officer of an agency created during the test. */
  tokenFor(group: string): string;
  api<T = unknown>(
    method: string,
    route: string,
    options?: { body?: unknown; token?: string; raw?: string },
  ): Promise<{ status: number; body: T }>;
  emails(): Promise<LocalEmail[]>;
  /** Virtual clock only: move to an instant and wait until every timeline due by then has run. */
  advanceTo(instant: string): Promise<void>;
  stop(): Promise<void>;
}

export const ADMIN_TOKEN = 'test-admin-token';

export async function startTestSystem(
  options: { virtualClock?: string; clockStart?: string; dataDir?: string } = {},
): Promise<TestSystem> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'gongkai-test-'));
  const system = await startLocalSystem({
    dataDir,
    port: 0,
    staffToken: ADMIN_TOKEN,
    ...(options.virtualClock ? { virtualClock: new Date(options.virtualClock) } : {}),
    ...(options.clockStart ? { clockStart: new Date(options.clockStart) } : {}),
  });
  const baseUrl = (system.urls.web ?? '').replace(/\/$/, '');
  const call = async <T>(method: string, route: string, o: { body?: unknown; token?: string; raw?: string } = {}) => {
    const response = await fetch(`${baseUrl}${route}`, {
      method,
      headers: {
        ...(o.body !== undefined || o.raw !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
      },
      ...(o.raw !== undefined ? { body: o.raw } : o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (a report in Markdown or HTML)
    }
    return { status: response.status, body: body as T };
  };
  return {
    system,
    baseUrl,
    dataDir,
    tokens: { ...system.staffTokens, '*': ADMIN_TOKEN },
    headTokens: system.headTokens,
    adminToken: ADMIN_TOKEN,
    tokenFor: (group) => system.tokens.tokenFor(group),
    api: call,
    emails: async () => (await call<LocalEmail[]>('GET', '/_local/emails', { token: ADMIN_TOKEN })).body,
    async advanceTo(instant) {
      const { status, body } = await call('PUT', '/_local/clock', { body: { now: instant }, token: ADMIN_TOKEN });
      if (status !== 200) throw new Error(`clock: ${status} ${JSON.stringify(body)}`);
    },
    async stop() {
      await system.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A valid online application body (resident ID with a correct GB 11643 check digit). */
export function sampleApplication(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    agencyId: 'niedui-town',
    applicant: {
      type: 'natural_person',
      name: '张三',
      idType: 'resident_id',
      idNumber: '11010519491231002X',
      phone: '13812345678',
      email: 'zhangsan@example.cn',
      address: '河南省周口市西华县聂堆镇1号',
    },
    information: { description: '请公开2024年聂堆镇道路修缮工程的招标文件', documentNumber: '聂政〔2024〕1号' },
    delivery: { form: 'electronic', method: 'email' },
    ...overrides,
  };
}

/** A company as applicant (法人或者其他组织: its name is no personal information), with a public example credit code. */
export const SAMPLE_COMPANY = {
  type: 'commercial_enterprise',
  name: '西华县华夏建材有限公司',
  idType: 'credit_code',
  idNumber: '91350100M000100Y43',
} as const;

/** `sampleApplication` with the company as applicant (its phone, email and address kept), then `overrides`. */
export function sampleCompanyApplication(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base = sampleApplication();
  return { ...base, applicant: { ...(base.applicant as object), ...SAMPLE_COMPANY }, ...overrides };
}

/** Every row of a work-list query, following `nextCursor` page by page (design.md §9 "Paging"). */
export async function workListAll<Row = { caseId: string }>(
  t: TestSystem,
  query: string,
  token: string,
): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | undefined;
  do {
    const route = `/v1/cases?${query}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { status, body } = await t.api<{ cases: Row[]; nextCursor?: string }>('GET', route, { token });
    if (status !== 200) throw new Error(`work list: ${status} ${JSON.stringify(body)}`);
    rows.push(...body.cases);
    cursor = body.nextCursor;
  } while (cursor);
  return rows;
}
