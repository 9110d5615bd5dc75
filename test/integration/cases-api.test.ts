import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

/**
 * The staff API (design.md §5, issue 4) through the local HTTP front against the local servers:
 * `POST /v1/cases`, `GET /v1/cases?agencyId=`, `GET /v1/cases/{caseId}`, `POST /v1/cases/{caseId}/actions`
 * for every action type, `GET /v1/me`; 401 without a valid token, 403 for another agency, 404, 409 on a
 * stale version, 422 against the law. The virtual clock stands on Wednesday 2024-10-23.
 */

interface ApiError {
  error: {
    code: string;
    message: string;
    fields?: { path: string; message: string }[];
    rule?: string;
    currentVersion?: number;
  };
}
interface Deadline {
  due: string;
}
interface StaffView {
  case: {
    caseId: string;
    agencyId: string;
    receiptNumber: string;
    version: number;
    receivedOn: string;
    channel: string;
    status: string;
    applicant: { idNumber: string };
  };
  events: { event: { type: string; consultationId?: string; amountYuan?: number } }[];
  clock: {
    status: string;
    replyDue: Deadline | null;
    replyDueAtLatest: Deadline | null;
    supplementDue: Deadline | null;
    feePaymentDue: Deadline | null;
    extension: { workingDays: number; approver: string } | null;
    outcome: string | null;
    explanation: unknown;
  };
  trackingCode?: string;
}
interface WorkList {
  cases: {
    caseId: string;
    receiptNumber: string;
    version: number;
    maskedIdNumber: string;
    maskedName: string;
    status: string;
    replyDue?: string;
    sortDue: string;
  }[];
}

const TODAY = '2024-10-23';

/** A paper application as staff register it (design.md §5 `POST /v1/cases`). */
const paperApplication = (overrides: Record<string, unknown> = {}) => {
  const { agencyId, applicant, information, delivery } = sampleApplication();
  return { agencyId, channel: 'in_person', receivedOn: TODAY, applicant, information, delivery, ...overrides };
};

describe('staff case API on 2024-10-23', () => {
  let t: TestSystem;
  let niedui: string;
  let xihua: string;

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: `${TODAY}T10:00:00+08:00` });
    niedui = t.tokens['niedui-town'] ?? '';
    xihua = t.tokens['xihua-county'] ?? '';
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  const register = async (overrides: Record<string, unknown> = {}) => {
    const response = await t.api<StaffView>('POST', '/v1/cases', { body: paperApplication(overrides), token: niedui });
    expect(response.status).toBe(201);
    return response.body;
  };
  const act = (caseId: string, body: Record<string, unknown>, token = niedui) =>
    t.api<StaffView & ApiError>('POST', `/v1/cases/${caseId}/actions`, { body, token });
  const workList = async (query = 'agencyId=niedui-town') =>
    (await t.api<WorkList>('GET', `/v1/cases?${query}`, { token: niedui })).body.cases;

  describe('sign-in and agency access', () => {
    const staffRoutes: [string, string, unknown][] = [
      ['POST', '/v1/cases', paperApplication()],
      ['GET', '/v1/cases?agencyId=niedui-town', undefined],
      ['GET', '/v1/cases/00000000-0000-0000-0000-000000000000', undefined],
      ['POST', '/v1/cases/00000000-0000-0000-0000-000000000000/actions', { type: 'fee_paid', expectedVersion: 1 }],
      ['GET', '/v1/me', undefined],
    ];

    it.each(staffRoutes)('answers %s %s with 401 without a token and with a wrong one', async (method, route, body) => {
      // Act
      const without = await t.api<ApiError>(method, route, { body });
      const wrong = await t.api<ApiError>(method, route, { body, token: 'staff-niedui-town-forged' });

      // Assert
      expect(without.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('unauthorized');
    });

    it("tells a town's staff member who they are and which agency they may see; the administrator sees all", async () => {
      // Act
      const town = await t.api('GET', '/v1/me', { token: niedui });
      const admin = await t.api('GET', '/v1/me', { token: t.tokens['*'] });

      // Assert
      expect(town.status).toBe(200);
      expect(town.body).toEqual({
        sub: 'staff@niedui-town',
        admin: false,
        agencies: [{ agencyId: 'niedui-town', name: '聂堆镇人民政府', head: false }],
      });
      expect(admin.body).toMatchObject({
        admin: true,
        agencies: [
          { agencyId: 'niedui-town', head: true },
          { agencyId: 'xihua-county', head: true },
        ],
      });
    });

    it("gives the town's head what an officer sees, marked as head, and nothing of the county", async () => {
      // Arrange
      const head = t.headTokens['niedui-town'] ?? '';
      const record = await register();

      // Act
      const me = await t.api('GET', '/v1/me', { token: head });
      const own = await t.api('GET', `/v1/cases/${record.case.caseId}`, { token: head });
      const county = await t.api('GET', '/v1/cases?agencyId=xihua-county', { token: head });

      // Assert
      expect(me.body).toEqual({
        sub: 'staff@niedui-town:head',
        admin: false,
        agencies: [{ agencyId: 'niedui-town', name: '聂堆镇人民政府', head: true }],
      });
      expect(own.status).toBe(200);
      expect(county.status).toBe(403);
    });

    it("refuses the county's token on the town's registration, work list, case and actions with 403", async () => {
      // Arrange
      const record = await register();

      // Act
      const answers = await Promise.all([
        t.api<ApiError>('POST', '/v1/cases', { body: paperApplication(), token: xihua }),
        t.api<ApiError>('GET', '/v1/cases?agencyId=niedui-town', { token: xihua }),
        t.api<ApiError>('GET', `/v1/cases/${record.case.caseId}`, { token: xihua }),
        act(record.case.caseId, { type: 'extend', expectedVersion: 1, workingDays: 5, approver: '王主任' }, xihua),
      ]);

      // Assert
      expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403]);
      expect(answers.map((a) => a.body.error.code)).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden']);
      const unchanged = await t.api<StaffView>('GET', `/v1/cases/${record.case.caseId}`, { token: niedui });
      expect(unchanged.body.case.version).toBe(1);
    });

    it('answers 404 for a case that does not exist, to the case route and the actions route', async () => {
      // Act
      const read = await t.api<ApiError>('GET', '/v1/cases/00000000-0000-0000-0000-000000000000', { token: niedui });
      const acted = await act('00000000-0000-0000-0000-000000000000', { type: 'fee_paid', expectedVersion: 1 });

      // Assert
      expect(read.status).toBe(404);
      expect(acted.status).toBe(404);
      expect(read.body.error.message).toBe('案件不存在');
    });
  });

  describe('registration of paper, post and fax applications', () => {
    it.each([
      ['in_person', '2024-09-27', '2024-10-30'],
      ['registered_post', '2024-10-08', '2024-11-04'],
      ['fax', TODAY, '2024-11-20'],
    ])('registers a %s application received on %s with reply due %s', async (channel, receivedOn, replyDue) => {
      // Act
      const response = await t.api<StaffView>('POST', '/v1/cases', {
        body: paperApplication({ channel, receivedOn }),
        token: niedui,
      });

      // Assert
      expect(response.status).toBe(201);
      expect(response.body.case).toMatchObject({ channel, receivedOn, version: 1, status: 'awaiting_reply' });
      expect(response.body.case.receiptNumber).toMatch(/^NDZ-2024-\d{6}$/);
      expect(response.body.clock.replyDue?.due).toBe(replyDue);
      expect(response.body.trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    });

    it('refuses a receipt date in the future with 400 naming 收到申请日期', async () => {
      // Act
      const response = await t.api<ApiError>('POST', '/v1/cases', {
        body: paperApplication({ receivedOn: '2024-10-24' }),
        token: niedui,
      });

      // Assert
      expect(response.status).toBe(400);
      expect(response.body.error.fields).toEqual([
        { path: 'receivedOn', message: expect.stringContaining('收到申请日期不能晚于今天') as string },
      ]);
    });

    it.each([
      ['the online channel', { channel: 'online' }, 'channel', '申请方式'],
      ['a date that does not exist', { receivedOn: '2024-02-30' }, 'receivedOn', '收到申请日期'],
      [
        'no applicant name',
        { applicant: { ...(sampleApplication().applicant as object), name: '' } },
        'applicant.name',
        '申请人姓名',
      ],
    ])('refuses a registration with %s with 400 naming the field', async (_, overrides, path, label) => {
      // Act
      const response = await t.api<ApiError>('POST', '/v1/cases', { body: paperApplication(overrides), token: niedui });

      // Assert
      expect(response.status).toBe(400);
      expect(response.body.error.fields?.find((f) => f.path === path)?.message).toContain(label);
    });

    it('refuses an unknown agency with 400 on agencyId', async () => {
      // Act (the administrator may see every agency, so access is not what fails)
      const response = await t.api<ApiError>('POST', '/v1/cases', {
        body: paperApplication({ agencyId: 'no-such-town' }),
        token: t.tokens['*'],
      });

      // Assert
      expect(response.status).toBe(400);
      expect(response.body.error.fields).toEqual([{ path: 'agencyId', message: '受理机关不存在' }]);
    });
  });

  describe('the work list and a case', () => {
    it('lists open cases soonest deadline first with masked ID numbers, never the full number or phone', async () => {
      // Arrange
      const late = await register({ receivedOn: '2024-09-02' });
      const early = await register({ receivedOn: TODAY });

      // Act
      const response = await t.api<WorkList>('GET', '/v1/cases?agencyId=niedui-town', { token: niedui });

      // Assert
      expect(response.status).toBe(200);
      const rows = response.body.cases;
      const ids = rows.map((r) => r.caseId);
      expect(ids.indexOf(late.case.caseId)).toBeLessThan(ids.indexOf(early.case.caseId));
      expect(rows.map((r) => r.sortDue)).toEqual([...rows.map((r) => r.sortDue)].sort());
      expect(rows.find((r) => r.caseId === late.case.caseId)).toMatchObject({
        maskedIdNumber: '110105********002X',
        maskedName: '张*',
        replyDue: '2024-09-30',
        urgency: 'overdue',
      });
      const text = JSON.stringify(response.body);
      expect(text).not.toContain('11010519491231002X');
      expect(text).not.toContain('13812345678');
      expect(text).not.toContain('zhangsan@example.cn');
    });

    it('refuses a work list query without agencyId or with an unknown status with 400 naming the parameter', async () => {
      // Act
      const without = await t.api<ApiError>('GET', '/v1/cases', { token: niedui });
      const badStatus = await t.api<ApiError>('GET', '/v1/cases?agencyId=niedui-town&status=lost', { token: niedui });

      // Assert
      expect(without.status).toBe(400);
      expect(without.body.error.fields?.[0]).toMatchObject({ path: 'agencyId' });
      expect(without.body.error.fields?.[0]?.message).toContain('受理机关');
      expect(badStatus.status).toBe(400);
      expect(badStatus.body.error.fields?.[0]).toMatchObject({ path: 'status' });
      expect(badStatus.body.error.fields?.[0]?.message).toContain('办理状态');
    });

    it('shows a case to its staff with its events, computed deadlines and how they were derived, without the code hash', async () => {
      // Arrange
      const record = await register({ receivedOn: '2024-09-27' });

      // Act
      const response = await t.api<StaffView>('GET', `/v1/cases/${record.case.caseId}`, { token: niedui });

      // Assert
      expect(response.status).toBe(200);
      expect(response.body.events.map((e) => e.event.type)).toEqual(['received']);
      expect(response.body.clock.replyDue?.due).toBe('2024-10-30');
      expect(response.body.clock.explanation).toBeTruthy();
      expect(JSON.stringify(response.body)).not.toMatch(/trackingCodeHash|clientToken/);
    });
  });

  describe('actions', () => {
    it('takes every action type in turn, each as the next version with the status and deadline it implies', async () => {
      // Arrange
      const { case: created } = await register();
      const id = created.caseId;

      // Act + Assert, step by step (all on 2024-10-23).
      const supplementRequested = await act(id, {
        type: 'request_supplement',
        expectedVersion: 1,
        items: '请补充所需信息的文号',
        periodWorkingDays: 15,
      });
      expect(supplementRequested.status).toBe(200);
      expect(supplementRequested.body.clock.status).toBe('awaiting_supplement');
      // Until the supplement arrives, the reply date is the one it would give today (Art. 30), marked pending.
      expect(supplementRequested.body.clock.replyDue).toMatchObject({ due: '2024-11-20', pending: 'supplement' });
      expect(supplementRequested.body.clock.replyDueAtLatest).toBeNull();

      const supplemented = await act(id, { type: 'supplement_received', expectedVersion: 2 });
      expect(supplemented.status).toBe(200);
      expect(supplemented.body.clock).toMatchObject({ status: 'awaiting_reply', replyDue: { due: '2024-11-20' } });

      const consulting = await act(id, {
        type: 'start_consultation',
        expectedVersion: 3,
        party: 'third_party',
        name: '周口市宏达建筑有限公司',
      });
      expect(consulting.status).toBe(200);
      expect(consulting.body.clock.status).toBe('in_consultation');
      const consultationId = consulting.body.events.at(-1)?.event.consultationId;
      expect(consultationId).toEqual(expect.any(String));

      const consulted = await act(id, { type: 'end_consultation', expectedVersion: 4, consultationId });
      expect(consulted.status).toBe(200);
      expect(consulted.body.clock.status).toBe('awaiting_reply');

      const extended = await act(id, { type: 'extend', expectedVersion: 5, workingDays: 20, approver: '王主任' });
      expect(extended.status).toBe(200);
      expect(extended.body.clock).toMatchObject({
        extension: { workingDays: 20, approver: '王主任' },
        replyDue: { due: '2024-12-18' },
      });

      const feeNotice = await act(id, { type: 'issue_fee_notice', expectedVersion: 6, method: 'by_pages', pages: 150 });
      expect(feeNotice.status).toBe(200);
      expect(feeNotice.body.clock.status).toBe('awaiting_fee');
      expect(feeNotice.body.events.at(-1)?.event.amountYuan).toBe(1700); // 70×10 + 50×20 (Fee Measures)

      const paid = await act(id, { type: 'fee_paid', expectedVersion: 7 });
      expect(paid.status).toBe(200);
      expect(paid.body.clock.status).toBe('awaiting_reply');

      const replied = await act(id, {
        type: 'reply',
        expectedVersion: 8,
        outcome: 'partially_disclosed',
        summary: '部分公开，涉及第三方商业秘密的内容不予公开',
      });
      expect(replied.status).toBe(200);
      expect(replied.body.case).toMatchObject({ version: 9, status: 'closed' });
      expect(replied.body.clock.outcome).toBe('partially_disclosed');
      expect(replied.body.events.map((e) => e.event.type)).toEqual([
        'received',
        'supplement_requested',
        'supplement_received',
        'consultation_started',
        'consultation_ended',
        'extended',
        'fee_notice_sent',
        'fee_paid',
        'replied',
      ]);
      expect((await workList()).map((c) => c.caseId)).not.toContain(id);
      const closed = await workList('agencyId=niedui-town&status=closed');
      expect(closed.find((c) => c.caseId === id)).toMatchObject({
        receiptNumber: created.receiptNumber,
        version: 9,
        status: 'closed',
        maskedIdNumber: '110105********002X',
      });
      expect(JSON.stringify(closed)).not.toContain('11010519491231002X');
    }, 60_000);

    it('answers 409 with the current version to an action on a stale version and records nothing', async () => {
      // Arrange
      const { case: created } = await register();
      expect(
        (
          await act(created.caseId, {
            type: 'start_consultation',
            expectedVersion: 1,
            party: 'other_agency',
            name: '西华县自然资源局',
          })
        ).status,
      ).toBe(200);

      // Act
      const stale = await act(created.caseId, {
        type: 'extend',
        expectedVersion: 1,
        workingDays: 10,
        approver: '王主任',
      });

      // Assert
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
      const after = await t.api<StaffView>('GET', `/v1/cases/${created.caseId}`, { token: niedui });
      expect(after.body.case.version).toBe(2);
      expect(after.body.clock.extension).toBeNull();
    });

    it('lets exactly one of two simultaneous actions on the same version through; the other gets 409', async () => {
      // Arrange
      const { case: created } = await register();

      // Act
      const answers = await Promise.all([
        act(created.caseId, { type: 'extend', expectedVersion: 1, workingDays: 10, approver: '王主任' }),
        act(created.caseId, { type: 'extend', expectedVersion: 1, workingDays: 15, approver: '李副主任' }),
      ]);

      // Assert
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(answers.find((a) => a.status === 409)?.body.error.currentVersion).toBe(2);
      const after = await t.api<StaffView>('GET', `/v1/cases/${created.caseId}`, { token: niedui });
      expect(after.body.events.filter((e) => e.event.type === 'extended')).toHaveLength(1);
    });

    it('refuses a second notice to supplement with 422 citing Art. 30', async () => {
      // Arrange
      const { case: created } = await register();
      const first = { type: 'request_supplement', items: '文号', periodWorkingDays: 15 };
      expect((await act(created.caseId, { ...first, expectedVersion: 1 })).status).toBe(200);

      // Act
      const second = await act(created.caseId, { ...first, expectedVersion: 2 });

      // Assert
      expect(second.status).toBe(422);
      expect(second.body.error).toMatchObject({ code: 'rule_violation', rule: 'Art. 30' });
      expect(second.body.error.message).toContain('补正告知');
    });

    it('refuses an extension decided after the reply deadline (2024-09-30) with 422 citing Art. 33 ¶2', async () => {
      // Arrange
      const { case: created } = await register({ receivedOn: '2024-09-02' });

      // Act
      const response = await act(created.caseId, {
        type: 'extend',
        expectedVersion: 1,
        workingDays: 20,
        approver: '王主任',
      });

      // Assert
      expect(response.status).toBe(422);
      expect(response.body.error).toMatchObject({ code: 'rule_violation', rule: 'Art. 33 ¶2' });
      expect(response.body.error.message).toContain('2024-09-30');
    });

    it('refuses a payment without a fee notice with 422 citing the Fee Measures', async () => {
      // Arrange
      const { case: created } = await register();

      // Act
      const response = await act(created.caseId, { type: 'fee_paid', expectedVersion: 1 });

      // Assert
      expect(response.status).toBe(422);
      expect(response.body.error).toMatchObject({ code: 'rule_violation', rule: 'Fee Measures' });
    });

    it.each([
      [
        'an extension over 20 working days',
        { type: 'extend', workingDays: 21, approver: '王主任' },
        'workingDays',
        '延长的工作日数',
      ],
      ['an unknown action type', { type: 'approve' }, 'type', '操作类型'],
      [
        'a reply with an unknown outcome',
        { type: 'reply', outcome: 'granted', summary: '同意' },
        'outcome',
        '答复结果',
      ],
      ['a fee notice by pages without pages', { type: 'issue_fee_notice', method: 'by_pages' }, 'pages', '页数'],
      ['a date in the future', { type: 'fee_paid', paidOn: '2024-10-24' }, 'paidOn', '缴费日期'],
    ])('refuses %s with 400 naming the field', async (_, action, path, label) => {
      // Arrange
      const { case: created } = await register();

      // Act
      const response = await act(created.caseId, { ...action, expectedVersion: 1 });

      // Assert
      expect(response.status).toBe(400);
      expect(response.body.error.fields?.find((f) => f.path === path)?.message).toContain(label);
    });
  });
});
