import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { residentIdCheckDigit } from '../../functions/shared/domain/identity';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

/**
 * The public intake API (design.md §5, issue 4) through the local HTTP front against the local servers:
 * `POST /v1/requests`, `GET /v1/agencies`, `GET /v1/requests/{receiptNumber}?code=` and
 * `POST /v1/requests/{receiptNumber}/supplement?code=`. The virtual clock stands on Friday 2024-09-27,
 * the worked example of ogi-rules.md §3 (reply due 2024-10-30).
 */

interface Submitted {
  caseId: string;
  receiptNumber: string;
  receivedOn: string;
  replyDue: string;
  trackingCode: string;
}
interface ApiError {
  error: { code: string; message: string; fields?: { path: string; message: string }[]; rule?: string };
}
interface StatusView {
  receiptNumber: string;
  status: string;
  replyDue?: string;
  notices: { on: string; type: string; label: string }[];
  supplementRequest?: { items: string; dueOn: string };
}
interface StaffCase {
  case: { version: number; information: { supplements?: { on: string; text: string }[] } };
  events: { event: { type: string; consultationId?: string } }[];
}

/** A resident ID with a correct GB 11643 check digit from its first 17 digits. */
const residentId = (first17: string) => first17 + residentIdCheckDigit(first17);

/** Another person's application: nothing in it may ever show on 张三's status page. */
const otherPerson = {
  type: 'natural_person',
  name: '李四光',
  idType: 'resident_id',
  idNumber: residentId('41272219800101123'),
  phone: '13999887766',
  email: 'lisiguang@example.cn',
  address: '河南省周口市西华县城关镇9号',
};

describe('public intake API on 2024-09-27', () => {
  let t: TestSystem;

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2024-09-27T10:00:00+08:00' });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  const submit = async (overrides: Record<string, unknown> = {}) => {
    const response = await t.api<Submitted>('POST', '/v1/requests', { body: sampleApplication(overrides) });
    expect(response.status).toBe(201);
    return response.body;
  };
  const act = (caseId: string, body: Record<string, unknown>) =>
    t.api<StaffCase & ApiError>('POST', `/v1/cases/${caseId}/actions`, { body, token: t.tokens['niedui-town'] });
  const statusOf = (receiptNumber: string, code: string) =>
    t.api<StatusView & ApiError>('GET', `/v1/requests/${receiptNumber}?code=${encodeURIComponent(code)}`);
  const supplement = (receiptNumber: string, code: string, body: unknown) =>
    t.api<StatusView & ApiError>('POST', `/v1/requests/${receiptNumber}/supplement?code=${encodeURIComponent(code)}`, {
      body,
    });

  it('accepts a phone written 138 0013 8000 and stores its digits, found by the desk as typed either way', async () => {
    // Act
    const submitted = await submit({
      applicant: { ...otherPerson, name: '王五', idNumber: residentId('41272219800101456'), phone: '138 0013 8000' },
    });
    const stored = await t.system.clients.document.send(
      new GetCommand({ TableName: t.system.tableName, Key: { pk: `CASE#${submitted.caseId}`, sk: 'CASE' } }),
    );
    const found = await Promise.all(
      ['13800138000', '+86 138-0013-8000'].map((q) =>
        t.api<{ cases: { caseId: string; match?: string }[] }>(
          'GET',
          `/v1/cases?agencyId=niedui-town&q=${encodeURIComponent(q)}`,
          { token: t.tokens['niedui-town'] },
        ),
      ),
    );

    // Assert
    expect(stored.Item?.applicant).toMatchObject({ phone: '13800138000' });
    for (const answer of found)
      expect(answer.body.cases).toContainEqual(expect.objectContaining({ caseId: submitted.caseId, match: 'phone' }));
  });

  it('refuses a phone that is no phone even with spaces, with the Chinese message', async () => {
    const response = await t.api<ApiError>('POST', '/v1/requests', {
      body: sampleApplication({ applicant: { ...otherPerson, phone: '138 0013 800' } }),
    });

    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([
      { path: 'applicant.phone', message: '申请人联系电话应为11位手机号码或带区号的固定电话（如010-12345678）' },
    ]);
  });

  it('lists the agencies accepting applications, id and name only', async () => {
    // Act
    const response = await t.api('GET', '/v1/agencies');

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      { agencyId: 'niedui-town', name: '聂堆镇人民政府' },
      { agencyId: 'xihua-county', name: '西华县人民政府办公室' },
    ]);
  });

  it('accepts an application on 2024-09-27 with reply due 2024-10-30 and emails the applicant that date', async () => {
    // Act
    const response = await t.api<Submitted>('POST', '/v1/requests', { body: sampleApplication() });

    // Assert: the answer (Art. 31: received the day the system confirms it; Art. 33: 20 working days).
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ receivedOn: '2024-09-27', replyDue: '2024-10-30' });
    expect(response.body.receiptNumber).toMatch(/^NDZ-2024-\d{6}$/);
    expect(response.body.trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    // Assert: the acknowledgement read back from the local SES store.
    const emails = await t.emails();
    const acknowledgement = emails.find((e) => e.kind === 'acknowledgement' && e.caseId === response.body.caseId);
    expect(acknowledgement?.to).toEqual(['zhangsan@example.cn']);
    expect(acknowledgement?.text).toContain('2024-10-30');
    expect(acknowledgement?.text).toContain(response.body.receiptNumber);
    expect(acknowledgement?.text).toContain(response.body.trackingCode);
    const office = emails.find((e) => e.kind === 'new_application' && e.caseId === response.body.caseId);
    expect(office?.to).toEqual(['gongkai@niedui.example.gov.cn']);
  });

  it.each([
    [
      'without the phone',
      { applicant: { ...(sampleApplication().applicant as object), phone: undefined } },
      'applicant.phone',
      '申请人联系电话',
    ],
    [
      'with a wrong ID check digit',
      { applicant: { ...(sampleApplication().applicant as object), idNumber: '110105194912310021' } },
      'applicant.idNumber',
      '校验位',
    ],
    [
      'with a malformed email',
      { applicant: { ...(sampleApplication().applicant as object), email: 'zhangsan@' } },
      'applicant.email',
      '申请人电子邮箱',
    ],
    ['with a number as description', { information: { description: 42 } }, 'information.description', '内容描述'],
    ['with an unknown delivery form', { delivery: { form: 'fax', method: 'email' } }, 'delivery.form', '信息提供形式'],
    ['with an unknown field', { extra: 'x' }, 'extra', '不允许的字段'],
  ])('refuses an application %s with 400 naming the field in Chinese', async (_, overrides, path, words) => {
    // Act
    const response = await t.api<ApiError>('POST', '/v1/requests', { body: sampleApplication(overrides) });

    // Assert
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    const field = response.body.error.fields?.find((f) => f.path === path);
    expect(field?.message).toContain(words);
  });

  it('refuses an application to an unknown agency with 400 on agencyId', async () => {
    // Act
    const response = await t.api<ApiError>('POST', '/v1/requests', {
      body: sampleApplication({ agencyId: 'no-such-town' }),
    });

    // Assert
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([{ path: 'agencyId', message: '受理机关不存在' }]);
  });

  it('refuses a body over 64 KB with 413 and creates no case', async () => {
    // Arrange
    const before = await t.api<{ cases: unknown[] }>('GET', '/v1/cases?agencyId=niedui-town', {
      token: t.tokens['niedui-town'],
    });
    const body = sampleApplication({ information: { description: '路'.repeat(22_000) } }); // 3 bytes each: 66 KB

    // Act
    const response = await t.api<ApiError>('POST', '/v1/requests', { body });

    // Assert
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
    const after = await t.api<{ cases: unknown[] }>('GET', '/v1/cases?agencyId=niedui-town', {
      token: t.tokens['niedui-town'],
    });
    expect(after.body.cases).toHaveLength(before.body.cases.length);
  });

  it("shows the applicant their status with no other person's data, no staff or third-party names and no code hash", async () => {
    // Arrange: two applicants; staff consult a third party and extend 张三's case.
    const mine = await submit();
    await submit({ applicant: otherPerson });
    const consulted = await act(mine.caseId, {
      type: 'start_consultation',
      expectedVersion: 1,
      party: 'third_party',
      name: '周口市宏达建筑有限公司',
    });
    expect(consulted.status).toBe(200);
    expect(
      (await act(mine.caseId, { type: 'extend', expectedVersion: 2, workingDays: 10, approver: '王建国' })).status,
    ).toBe(200);
    const { Item } = await t.system.clients.document.send(
      new GetCommand({ TableName: t.system.tableName, Key: { pk: `CASE#${mine.caseId}`, sk: 'CASE' } }),
    );
    const storedHash = String(Item?.trackingCodeHash);
    expect(storedHash).toMatch(/^[0-9a-f]{64}$/);

    // Act
    const response = await statusOf(mine.receiptNumber, mine.trackingCode);

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ receiptNumber: mine.receiptNumber, status: 'in_consultation' });
    expect(response.body.notices.map((n) => n.type)).toEqual(['received', 'consultation_started', 'extended']);
    const text = JSON.stringify(response.body);
    for (const secret of [
      storedHash,
      'trackingCodeHash',
      otherPerson.name,
      otherPerson.idNumber,
      otherPerson.phone,
      otherPerson.email,
      '周口市宏达建筑有限公司',
      '王建国',
      'staff@niedui-town',
    ])
      expect(text).not.toContain(secret);
  });

  it('answers 404 with one message for a wrong tracking code and for an unknown receipt number', async () => {
    // Arrange
    const mine = await submit();

    // Act
    const wrongCode = await statusOf(mine.receiptNumber, 'ABCDEFGHJK');
    const unknownNumber = await statusOf('NDZ-2024-999999', mine.trackingCode);

    // Assert
    expect(wrongCode.status).toBe(404);
    expect(unknownNumber.status).toBe(404);
    expect(wrongCode.body.error.message).toBe('受理编号或查询码不正确');
    expect(unknownNumber.body.error).toEqual(wrongCode.body.error);
  });

  it('finds the applicant’s case by the receipt number as typed: lower case, without the leading zeros, full-width', async () => {
    // Arrange
    const mine = await submit();
    const [prefix, year, sequence] = mine.receiptNumber.split('-');
    const typed = [
      mine.receiptNumber.toLowerCase(),
      `${prefix}-${year}-${Number(sequence)}`,
      ` ${mine.receiptNumber} `,
      mine.receiptNumber.replace(/[A-Z0-9-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
    ];

    // Act
    const answers = await Promise.all(typed.map((number) => statusOf(encodeURIComponent(number), mine.trackingCode)));

    // Assert
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.receiptNumber).toBe(mine.receiptNumber);
    }
  });

  it('refuses a status request without a code with 400 naming 查询码', async () => {
    // Arrange
    const mine = await submit();

    // Act
    const response = await t.api<ApiError>('GET', `/v1/requests/${mine.receiptNumber}`);

    // Assert
    expect(response.status).toBe(400);
    expect(response.body.error.fields?.[0]?.path).toBe('code');
    expect(response.body.error.fields?.[0]?.message).toContain('查询码');
  });

  it('refuses a supplement without a notice to supplement with 422 citing Art. 30', async () => {
    // Arrange
    const mine = await submit();

    // Act
    const response = await supplement(mine.receiptNumber, mine.trackingCode, { text: '补充文号' });

    // Assert
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'rule_violation', rule: 'Art. 30' });
  });

  it('refuses a supplement with a wrong code (404) or a blank text (400 naming 补正说明)', async () => {
    // Arrange
    const mine = await submit();
    expect(
      (await act(mine.caseId, { type: 'request_supplement', expectedVersion: 1, items: '文号', periodWorkingDays: 15 }))
        .status,
    ).toBe(200);

    // Act
    const wrongCode = await supplement(mine.receiptNumber, 'ABCDEFGHJK', { text: '补充文号' });
    const blank = await supplement(mine.receiptNumber, mine.trackingCode, { text: '   ' });

    // Assert
    expect(wrongCode.status).toBe(404);
    expect(blank.status).toBe(400);
    expect(blank.body.error.fields).toEqual([{ path: 'text', message: expect.stringContaining('补正说明') as string }]);
  });

  it('takes the supplement on 2024-10-08: the reply clock restarts that day (due 2024-11-04) and a second one is refused', async () => {
    // Arrange: a notice to supplement on 2024-09-27; the applicant answers after the National Day week.
    const mine = await submit();
    const requested = await act(mine.caseId, {
      type: 'request_supplement',
      expectedVersion: 1,
      items: '请补充所需信息的文号或标题',
      periodWorkingDays: 15,
    });
    expect(requested.status).toBe(200);
    const waiting = await statusOf(mine.receiptNumber, mine.trackingCode);
    expect(waiting.body).toMatchObject({
      status: 'awaiting_supplement',
      supplementRequest: { items: '请补充所需信息的文号或标题' },
    });
    await t.advanceTo('2024-10-08T10:00:00+08:00');

    // Act
    const response = await supplement(mine.receiptNumber, mine.trackingCode, {
      text: '所需信息为聂政〔2024〕1号文件',
      documentNumber: '聂政〔2024〕1号',
    });

    // Assert: Art. 30, the clock restarts from the day the supplement is received.
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'awaiting_reply', replyDue: '2024-11-04' });
    expect(response.body.notices.map((n) => [n.type, n.on])).toEqual([
      ['received', '2024-09-27'],
      ['supplement_requested', '2024-09-27'],
      ['supplement_received', '2024-10-08'],
    ]);
    const staff = await t.api<StaffCase>('GET', `/v1/cases/${mine.caseId}`, { token: t.tokens['niedui-town'] });
    expect(staff.body.case.information.supplements).toEqual([
      { on: '2024-10-08', text: '所需信息为聂政〔2024〕1号文件' },
    ]);
    const again = await supplement(mine.receiptNumber, mine.trackingCode, { text: '再次补正' });
    expect(again.status).toBe(422);
    expect(again.body.error.rule).toBe('Art. 30');
  });
});
