import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

/**
 * The desk actions (design.md §9 "The desk"; issue 14 acceptance 3) through the HTTP API: assignment and
 * "my cases", internal notes that never reach the applicant's status page or emails, and the extension an
 * officer requests and the head approves (the approver recorded is the head's own identity) before the reply
 * due date only; an officer's token cannot approve. The virtual clock stands on Wednesday 2024-10-23.
 */

jest.setTimeout(120_000);

interface StaffView {
  case: {
    caseId: string;
    receiptNumber: string;
    version: number;
    desk?: {
      assignee?: string;
      entries: { actor: string; entry: { type: string; requestId?: string; text?: string } }[];
    };
  };
  events: { actor: string; event: { type: string; approver?: string; reason?: string; workingDays?: number } }[];
  clock: { replyDue: { due: string } | null; extension: { workingDays: number; approver: string } | null };
  trackingCode?: string;
}
interface ApiError {
  error: { code: string; message: string; rule?: string; violation?: string; fields?: { path: string }[] };
}
interface Page {
  cases: { caseId: string; assignee?: string; extensionPending?: boolean }[];
  nextCursor?: string;
}

const TODAY = '2024-10-23';
const NOTE = '内部备注：申请人来电催办，已告知正在调取档案（仅内部可见）';

describe('assignment, notes and the head’s approval of an extension', () => {
  let t: TestSystem;
  let officer: string;
  let head: string;

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: `${TODAY}T10:00:00+08:00` });
    officer = t.tokens['niedui-town'] ?? '';
    head = t.headTokens['niedui-town'] ?? '';
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  const register = async (receivedOn: string) => {
    const { agencyId, applicant, information, delivery } = sampleApplication();
    const response = await t.api<StaffView>('POST', '/v1/cases', {
      body: { agencyId, channel: 'in_person', receivedOn, applicant, information, delivery },
      token: officer,
    });
    expect(response.status).toBe(201);
    return response.body;
  };
  const act = (view: StaffView, body: Record<string, unknown>, token = officer) =>
    t.api<StaffView & ApiError>('POST', `/v1/cases/${view.case.caseId}/actions`, {
      body: { expectedVersion: view.case.version, ...body },
      token,
    });

  it('assigns a case to the signed-in officer and lists it under assignee=me, and not another officer’s', async () => {
    // Arrange
    const created = await register('2024-10-21');

    // Act
    const assigned = await act(created, { type: 'assign', assignee: 'staff@niedui-town' });
    const mine = await t.api<Page>('GET', '/v1/cases?agencyId=niedui-town&assignee=me', { token: officer });
    const heads = await t.api<Page>('GET', '/v1/cases?agencyId=niedui-town&assignee=me', { token: head });

    // Assert
    expect(assigned.status).toBe(200);
    expect(assigned.body.case.version).toBe(created.case.version + 1);
    expect(assigned.body.case.desk?.assignee).toBe('staff@niedui-town');
    expect(mine.body.cases.map((c) => c.caseId)).toContain(created.case.caseId);
    expect(mine.body.cases.find((c) => c.caseId === created.case.caseId)?.assignee).toBe('staff@niedui-town');
    expect(heads.body.cases.map((c) => c.caseId)).not.toContain(created.case.caseId);
  });

  it('keeps an internal note on the staff view only: never on the status page, in an email or a document list', async () => {
    // Arrange
    const created = await register('2024-10-22');

    // Act
    const noted = await act(created, { type: 'add_note', text: NOTE });
    const status = await t.api<unknown>(
      'GET',
      `/v1/requests/${created.case.receiptNumber}?code=${encodeURIComponent(created.trackingCode ?? '')}`,
    );
    const staff = await t.api<StaffView>('GET', `/v1/cases/${created.case.caseId}`, { token: officer });
    await t.advanceTo(`${TODAY}T10:05:00+08:00`);
    const emails = await t.emails();

    // Assert
    expect(noted.status).toBe(200);
    expect(staff.body.case.desk?.entries.map((e) => e.entry)).toContainEqual({ type: 'note_added', text: NOTE });
    expect(status.status).toBe(200);
    expect(JSON.stringify(status.body)).not.toContain('内部备注');
    expect(JSON.stringify(emails)).not.toContain('内部备注');
  });

  it('refuses an empty note and an unknown assignee field with 400 naming the field, nothing changed', async () => {
    const created = await register('2024-10-22');
    const empty = await act(created, { type: 'add_note', text: '  ' });
    const after = await t.api<StaffView>('GET', `/v1/cases/${created.case.caseId}`, { token: officer });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields?.[0]?.path).toBe('text');
    expect(empty.body.error.message).toContain('备注内容');
    expect(after.body.case.version).toBe(created.case.version);
  });

  it('lets the officer request an extension with a reason and the head approve it; the approver is the head', async () => {
    // Arrange
    const created = await register('2024-10-08');
    const dueBefore = created.clock.replyDue?.due;

    // Act
    const requested = await act(created, { type: 'request_extension', workingDays: 15, reason: '需调取2019年档案' });
    const pendingList = await t.api<Page>('GET', '/v1/cases?agencyId=niedui-town&status=extension_pending', {
      token: head,
    });
    const requestId = requested.body.case.desk?.entries.at(-1)?.entry.requestId ?? '';
    const byOfficer = await act(requested.body, { type: 'approve_extension', requestId });
    const byHead = await act(requested.body, { type: 'approve_extension', requestId }, head);

    // Assert
    expect(requested.status).toBe(200);
    expect(requested.body.clock.extension).toBeNull();
    expect(pendingList.body.cases.find((c) => c.caseId === created.case.caseId)?.extensionPending).toBe(true);
    expect(byOfficer.status).toBe(403);
    expect(byHead.status).toBe(200);
    expect(byHead.body.clock.extension).toMatchObject({ workingDays: 15, approver: 'staff@niedui-town:head' });
    expect(byHead.body.events.at(-1)?.event).toMatchObject({
      type: 'extended',
      approver: 'staff@niedui-town:head',
      reason: '需调取2019年档案',
      workingDays: 15,
    });
    expect((byHead.body.clock.replyDue?.due ?? '') > (dueBefore ?? '')).toBe(true);
    const after = await t.api<Page>('GET', '/v1/cases?agencyId=niedui-town&status=extension_pending', {
      token: head,
    });
    expect(after.body.cases.map((c) => c.caseId)).not.toContain(created.case.caseId);
  });

  it('refuses a second request while one is pending, and lets the head reject it', async () => {
    const created = await register('2024-10-09');
    const requested = await act(created, { type: 'request_extension', workingDays: 10, reason: '需征求意见' });
    const again = await act(requested.body, { type: 'request_extension', workingDays: 5, reason: '再次申请' });
    const requestId = requested.body.case.desk?.entries.at(-1)?.entry.requestId ?? '';
    const rejected = await act(requested.body, { type: 'reject_extension', requestId, reason: '理由不充分' }, head);
    expect(again.status).toBe(422);
    expect(again.body.error.violation).toBe('extension_already_requested');
    expect(rejected.status).toBe(200);
    expect(rejected.body.clock.extension).toBeNull();
  });

  it('refuses a request for a case already past its reply due date', async () => {
    const created = await register('2024-09-02');
    const late = await act(created, { type: 'request_extension', workingDays: 10, reason: '逾期后申请' });
    expect(late.status).toBe(422);
    expect(late.body.error.rule).toBe('Art. 33 ¶2');
  });

  it('refuses the head’s approval once the reply due date has passed', async () => {
    // Arrange: requested on 2024-10-23, reply due 2024-10-30; the head decides on 2024-10-31.
    const created = await register('2024-09-27');
    expect(created.clock.replyDue?.due).toBe('2024-10-30');
    const requested = await act(created, { type: 'request_extension', workingDays: 20, reason: '涉及多个部门' });
    const requestId = requested.body.case.desk?.entries.at(-1)?.entry.requestId ?? '';

    // Act
    await t.advanceTo('2024-10-31T10:00:00+08:00');
    const current = await t.api<StaffView>('GET', `/v1/cases/${created.case.caseId}`, { token: head });
    const approval = await act(current.body, { type: 'approve_extension', requestId }, head);

    // Assert
    expect(approval.status).toBe(422);
    expect(approval.body.error.rule).toBe('Art. 33 ¶2');
    const after = await t.api<StaffView>('GET', `/v1/cases/${created.case.caseId}`, { token: head });
    expect(after.body.clock.extension).toBeNull();
  });
});
