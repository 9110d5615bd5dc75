import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

/**
 * Administration (design.md §9, issue 15 acceptance 1–2): agencies and the yearly holiday notices, through the
 * HTTP API of the local system, admin only.
 */
interface ApiError {
  error: { code: string; message: string; fields?: { path: string; message: string }[] };
}

const COUNTY_TOWN = {
  name: '东夏亭镇人民政府',
  receiptPrefix: 'DXT',
  letterPrefix: '东政公开',
  officeEmail: 'gongkai@dongxiating.example.gov.cn',
  headEmail: 'zhenzhang@dongxiating.example.gov.cn',
  reviewOrgan: '西华县人民政府',
  court: '西华县人民法院',
  address: '河南省周口市西华县东夏亭镇1号',
  phone: '0394-2700000',
  parentAgencyId: 'xihua-county',
};

/** Test data for 2027 (not the real notice): 1, 4 and 5 January off, Saturday 9 January worked. */
const NOTICE_2027 = {
  noticeNumber: '国办发明电〔2026〕99号',
  publishedOn: '2026-12-15',
  holidays: ['2027-01-01', '2027-01-04', '2027-01-05'],
  workdays: ['2027-01-09'],
};

describe('administration API', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2026-12-10T10:00:00+08:00' });
  }, 60_000);
  afterAll(() => t?.stop());

  const ADMIN_ROUTES: [string, string, unknown][] = [
    ['GET', '/v1/admin/agencies', undefined],
    ['PUT', '/v1/admin/agencies/some-town', COUNTY_TOWN],
    ['GET', '/v1/admin/calendars', undefined],
    ['PUT', '/v1/admin/calendars/2027', NOTICE_2027],
  ];

  it.each(ADMIN_ROUTES)(
    'answers %s %s with 403 to an officer and a head, 401 without sign-in',
    async (method, route, body) => {
      // Act
      const officer = await t.api<ApiError>(method, route, { body, token: t.tokens['niedui-town'] });
      const head = await t.api<ApiError>(method, route, { body, token: t.headTokens['niedui-town'] });
      const nobody = await t.api<ApiError>(method, route, { body });

      // Assert
      expect([officer.status, head.status, nobody.status]).toEqual([403, 403, 401]);
      expect(officer.body.error.code).toBe('forbidden');
      expect((await t.api('GET', '/v1/agencies')).body).not.toContainEqual(
        expect.objectContaining({ agencyId: 'some-town' }),
      );
    },
  );

  it('creates an agency that the public can choose, whose receipts use its prefix and whose emails go to its office', async () => {
    // Act
    const created = await t.api('PUT', '/v1/admin/agencies/dongxiating-town', {
      body: COUNTY_TOWN,
      token: t.adminToken,
    });
    const listed = await t.api<{ agencyId: string; name: string }[]>('GET', '/v1/agencies');
    const applied = await t.api<{ receiptNumber: string; caseId: string }>('POST', '/v1/requests', {
      body: sampleApplication({ agencyId: 'dongxiating-town' }),
    });

    // Assert
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ agencyId: 'dongxiating-town', ...COUNTY_TOWN, updatedBy: 'admin' });
    expect(listed.body).toContainEqual({ agencyId: 'dongxiating-town', name: '东夏亭镇人民政府' });
    expect(applied.status).toBe(201);
    expect(applied.body.receiptNumber).toBe('DXT-2026-000001');
    const emails = await t.emails();
    expect(emails.filter((e) => e.caseId === applied.body.caseId).flatMap((e) => e.to)).toContain(
      'gongkai@dongxiating.example.gov.cn',
    );
    const officer = t.tokenFor('dongxiating-town');
    const work = await t.api<{ cases: { caseId: string }[] }>('GET', '/v1/cases?agencyId=dongxiating-town', {
      token: officer,
    });
    expect(work.body.cases.map((c) => c.caseId)).toEqual([applied.body.caseId]);
  });

  it('changes an agency without touching numbers already issued; the next receipt uses the new prefix', async () => {
    // Arrange
    await t.api('PUT', '/v1/admin/agencies/qingshan-town', {
      body: { ...COUNTY_TOWN, name: '青山镇人民政府', receiptPrefix: 'QSZ' },
      token: t.adminToken,
    });
    const first = await t.api<{ receiptNumber: string; caseId: string }>('POST', '/v1/requests', {
      body: sampleApplication({ agencyId: 'qingshan-town' }),
    });

    // Act
    const changed = await t.api('PUT', '/v1/admin/agencies/qingshan-town', {
      body: {
        ...COUNTY_TOWN,
        name: '青山镇人民政府',
        receiptPrefix: 'QSN',
        officeEmail: 'new@qingshan.example.gov.cn',
      },
      token: t.adminToken,
    });
    const second = await t.api<{ receiptNumber: string }>('POST', '/v1/requests', {
      body: sampleApplication({ agencyId: 'qingshan-town' }),
    });
    const old = await t.api<{ case: { receiptNumber: string } }>('GET', `/v1/cases/${first.body.caseId}`, {
      token: t.adminToken,
    });

    // Assert
    expect(changed.status).toBe(200);
    expect(old.body.case.receiptNumber).toBe('QSZ-2026-000001');
    expect(second.body.receiptNumber).toBe('QSN-2026-000002');
    const agencies = await t.api<{ agencies: { agencyId: string; officeEmail: string }[] }>(
      'GET',
      '/v1/admin/agencies',
      {
        token: t.adminToken,
      },
    );
    expect(agencies.body.agencies.find((a) => a.agencyId === 'qingshan-town')?.officeEmail).toBe(
      'new@qingshan.example.gov.cn',
    );
  });

  it.each([
    ['receiptPrefix', { receiptPrefix: 'NDZ' }, '受理编号前缀 NDZ 已由机关 niedui-town 使用'],
    ['receiptPrefix', { receiptPrefix: 'ab' }, '受理编号前缀'],
    ['officeEmail', { officeEmail: 'not-an-email' }, '政府信息公开工作机构邮箱格式不正确'],
    ['headEmail', { headEmail: undefined }, '机构负责人邮箱不能为空'],
    ['reviewOrgan', { reviewOrgan: ' ' }, '行政复议机关不能为空'],
    ['parentAgencyId', { parentAgencyId: 'nowhere' }, '上级机关 nowhere 不存在'],
    ['parentAgencyId', { parentAgencyId: 'bad-town' }, '上级机关不能是本机关'],
    ['agencyId', {}, '机关标识只能包含小写字母'],
  ])('refuses a bad %s with 400 naming it and stores nothing', async (field, change, message) => {
    // Act
    const id = field === 'agencyId' ? 'Bad_Town' : 'bad-town';
    const answer = await t.api<ApiError>('PUT', `/v1/admin/agencies/${id}`, {
      body: { ...COUNTY_TOWN, receiptPrefix: 'BAD', ...change },
      token: t.adminToken,
    });

    // Assert
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields?.[0]).toMatchObject({ path: field });
    expect(answer.body.error.message).toContain(message);
    const listed = await t.api<{ agencyId: string }[]>('GET', '/v1/agencies');
    expect(listed.body.map((a) => a.agencyId)).not.toContain(id);
  });

  describe('the 2027 holiday notice', () => {
    it.each([
      [{ holidays: ['2027-01-01', '2028-01-01'] }, 'holidays.1', '2028-01-01 不在 2027 年内'],
      [{ workdays: ['2027-01-06'] }, 'workdays.0', '2027-01-06 不是星期六或星期日'],
      [{ holidays: ['2027-01-09'], workdays: ['2027-01-09'] }, 'workdays.0', '2027-01-09 既是放假日期又是调休上班日期'],
      [{ publishedOn: '2026-13-01' }, 'publishedOn', '通知发布日期'],
    ])('refuses %j with 400 naming the day', async (change, path, message) => {
      const answer = await t.api<ApiError>('PUT', '/v1/admin/calendars/2027', {
        body: { ...NOTICE_2027, ...change },
        token: t.adminToken,
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.fields?.[0]).toMatchObject({ path });
      expect(answer.body.error.message).toContain(message);
      const calendars = await t.api<{ years: { year: number }[] }>('GET', '/v1/admin/calendars', {
        token: t.adminToken,
      });
      expect(calendars.body.years.map((y) => y.year)).not.toContain(2027);
    });

    it('clears the provisional mark of an open case due in January 2027 and moves its due date and its office digests', async () => {
      // Arrange: received Thursday 10 December 2026; 20 working days end in January 2027, a year with no notice yet.
      const applied = await t.api<{ caseId: string; replyDue: string; provisional: boolean }>('POST', '/v1/requests', {
        body: sampleApplication(),
      });
      const caseId = applied.body.caseId;
      expect(applied.body.provisional).toBe(true);
      expect(applied.body.replyDue.startsWith('2027-01')).toBe(true);

      // Act
      const stored = await t.api<{
        calendar: { year: number; version: number };
        recompute: { status: string; statusPath: string };
      }>('PUT', '/v1/admin/calendars/2027', { body: NOTICE_2027, token: t.adminToken });
      // The recompute runs outside the request, per agency (issue 15): follow it as the console does until done.
      type Recompute = {
        status: string;
        agencies: { total: number; done: number };
        moved: {
          caseId: string;
          before: { replyDue: string; provisional: boolean };
          after: { replyDue: string; provisional: boolean };
        }[];
      };
      let recompute = await t.api<Recompute>('GET', stored.body.recompute.statusPath, { token: t.adminToken });
      for (
        let tries = 0;
        tries < 600 && recompute.body.status !== 'done' && recompute.body.status !== 'failed';
        tries++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        recompute = await t.api<Recompute>('GET', stored.body.recompute.statusPath, { token: t.adminToken });
      }

      // Assert: 15 working days in December, then 6, 7, 8 January, Saturday 9 (worked) and Monday 11 January.
      expect(stored.status).toBe(200);
      expect(stored.body.calendar).toMatchObject({ year: 2027, version: 1 });
      expect(stored.body.recompute).toMatchObject({ status: 'queued', year: 2027, version: 1, previousVersion: 0 });
      expect(recompute.body).toMatchObject({ status: 'done', agencies: { done: recompute.body.agencies.total } });
      expect(recompute.body.moved).toContainEqual({
        caseId,
        receiptNumber: expect.any(String),
        agencyId: 'niedui-town',
        before: { replyDue: applied.body.replyDue, provisional: true },
        after: { replyDue: '2027-01-11', provisional: false },
      });
      const staff = await t.api<{ case: { replyDue: string }; provisional: boolean }>('GET', `/v1/cases/${caseId}`, {
        token: t.tokens['niedui-town'],
      });
      expect(staff.body.provisional).toBe(false);
      expect(JSON.stringify(staff.body)).toContain('2027-01-11');
      const list = await t.api<{ cases: { caseId: string; replyDue: string }[] }>(
        'GET',
        '/v1/cases?agencyId=niedui-town',
        {
          token: t.tokens['niedui-town'],
        },
      );
      expect(list.body.cases.find((c) => c.caseId === caseId)?.replyDue).toBe('2027-01-11');
      // The office's daily digest follows the new calendar (design.md §9 reminder digests): it names the case as
      // due today on Monday 11 January, and not on Thursday 7 January, the provisional due date's eve.
      await t.advanceTo('2027-01-11T12:00:00+08:00');
      const digests = (await t.emails())
        .filter((e) => e.kind === 'office_digest' && e.text.includes(`/cases/${caseId}`))
        .map((e) => e.time.slice(0, 10));
      expect(digests).toContain('2027-01-11');
      expect(digests).not.toContain('2027-01-07');
    }, 120_000);

    it('keeps every version and lists entered years beside the built-in ones', async () => {
      // Act
      const again = await t.api<{ calendar: { version: number } }>('PUT', '/v1/admin/calendars/2027', {
        body: { ...NOTICE_2027, noticeNumber: '国办发明电〔2026〕100号' },
        token: t.adminToken,
      });
      const listed = await t.api<{ years: { year: number; source: string; version?: number }[] }>(
        'GET',
        '/v1/admin/calendars',
        { token: t.adminToken },
      );

      // Assert
      expect(again.body.calendar.version).toBe(2);
      expect(listed.body.years.find((y) => y.year === 2024)).toMatchObject({ source: 'built_in' });
      expect(listed.body.years.find((y) => y.year === 2027)).toMatchObject({ source: 'entered', version: 2 });
    });

    it('says so (503) when the recompute cannot be started, and compares the next notice with the last one recomputed', async () => {
      // Arrange: the per-agency job cannot be started (its state machine is not there).
      const arn = process.env.AGENCY_JOBS_STATE_MACHINE_ARN;
      process.env.AGENCY_JOBS_STATE_MACHINE_ARN = `${arn ?? ''}-missing`;
      const before = await t.api<{ years: { year: number; version?: number }[] }>('GET', '/v1/admin/calendars', {
        token: t.adminToken,
      });
      const last = before.body.years.find((y) => y.year === 2027)?.version ?? 0;

      // Act
      let failed;
      try {
        failed = await t.api<ApiError>('PUT', '/v1/admin/calendars/2027', { body: NOTICE_2027, token: t.adminToken });
      } finally {
        process.env.AGENCY_JOBS_STATE_MACHINE_ARN = arn;
      }
      const next = await t.api<{ recompute: { version: number; previousVersion: number } }>(
        'PUT',
        '/v1/admin/calendars/2027',
        { body: NOTICE_2027, token: t.adminToken },
      );
      const notStarted = await t.api<{ status: string }>(
        'GET',
        `/v1/admin/calendars/2027/recompute?version=${last + 1}`,
        { token: t.adminToken },
      );

      // Assert
      expect(failed.status).toBe(503);
      expect(failed.body.error).toMatchObject({ code: 'recompute_not_started' });
      expect(failed.body.error.message).toContain(`第 ${last + 1} 版`);
      expect(notStarted.body.status).toBe('not_started');
      expect(next.body.recompute).toMatchObject({ version: last + 2, previousVersion: last });
    });
  });
});
