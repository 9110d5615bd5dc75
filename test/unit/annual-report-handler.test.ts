/**
 * The annual-report handler's `scheduled` export with in-memory repositories: which year it generates, which
 * agencies it skips, whom it emails, and that it throws (so the scheduler retries) when any agency failed.
 */
import type { Agency } from '../../functions/shared/store/agency-repository';
import type { ReportFiles, ReportStatusRecord } from '../../functions/shared/store/report-repository';
import type { OutgoingEmail } from '../../functions/shared/notify/send-email';

const mockAgencies: Agency[] = [
  {
    agencyId: 'niedui-town',
    name: '聂堆镇人民政府',
    receiptPrefix: 'NDZ',
    officeEmail: 'gongkai@niedui.example.gov.cn',
    headEmail: 'head@niedui.example.gov.cn',
    letterPrefix: '聂政公开',
    reviewOrgan: '西华县人民政府',
    court: '西华县人民法院',
    address: '聂堆镇人民路8号',
    phone: '0394-2690000',
  },
  {
    agencyId: 'xihua-county',
    name: '西华县人民政府办公室',
    receiptPrefix: 'XHX',
    officeEmail: 'gongkai@xihua.example.gov.cn',
    headEmail: 'head@xihua.example.gov.cn',
    letterPrefix: '西政办公开',
    reviewOrgan: '西华县人民政府',
    court: '西华县人民法院',
    address: '西华县箕子台路1号',
    phone: '0394-2541000',
  },
];
/** In-memory report store: status items and files by `<agencyId>/<year>`. */
const mockStatus = new Map<string, ReportStatusRecord>();
const mockFiles = new Map<string, ReportFiles>();
const mockSent: OutgoingEmail[] = [];
const mockFailFor = new Set<string>();
const mockClaims = new Set<string>();

jest.mock('../../functions/shared/config', () => ({
  config: () => ({
    tableName: 'cases',
    bucketName: 'reports',
    senderEmail: 'noreply@example.gov.cn',
  }),
  publicBaseUrl: () => 'https://gongkai.example.gov.cn',
}));
jest.mock('../../functions/shared/aws/dynamodb', () => ({ documentClient: {} }));
jest.mock('../../functions/shared/aws/s3', () => ({ s3Client: {} }));
jest.mock('../../functions/shared/notify/send-email', () => ({
  sendEmail: (email: OutgoingEmail) => {
    if (mockFailFor.has(email.to)) return Promise.reject(new Error('SES throttled'));
    mockSent.push(email);
    return Promise.resolve();
  },
}));
jest.mock('../../functions/shared/store/agency-repository', () => ({
  makeAgencyRepository: () => ({
    list: () => Promise.resolve(mockAgencies),
    get: (id: string) => Promise.resolve(mockAgencies.find((a) => a.agencyId === id)),
  }),
}));
jest.mock('../../functions/shared/store/case-repository', () => ({
  makeCaseRepository: () => ({ listForYear: () => Promise.resolve([]) }),
}));
jest.mock('../../functions/shared/store/appeal-repository', () => {
  const actual = jest.requireActual<typeof import('../../functions/shared/store/appeal-repository')>(
    '../../functions/shared/store/appeal-repository',
  );
  return { ...actual, makeAppealRepository: () => actual.makeInMemoryAppealRepository() };
});
jest.mock('../../functions/shared/store/year-data-repository', () => ({
  makeYearDataRepository: () => ({ get: () => Promise.resolve(undefined), put: () => Promise.resolve() }),
}));
jest.mock('../../functions/shared/store/report-repository', () => {
  const actual = jest.requireActual<typeof import('../../functions/shared/store/report-repository')>(
    '../../functions/shared/store/report-repository',
  );
  return {
    ...actual,
    makeReportRepository: () => ({
      getStatus: (agencyId: string, year: number) => Promise.resolve(mockStatus.get(`${agencyId}/${year}`)),
      getReport: () => Promise.resolve(undefined),
      getPublishedReport: () => Promise.resolve(undefined),
      claimReadyNotice: (agencyId: string, year: number) => {
        const key = `${agencyId}/${year}`;
        if (mockClaims.has(key)) return Promise.resolve(false);
        mockClaims.add(key);
        return Promise.resolve(true);
      },
      releaseReadyNotice: (agencyId: string, year: number) => {
        mockClaims.delete(`${agencyId}/${year}`);
        return Promise.resolve();
      },
      saveDraft: (
        record: { agencyId: string; year: number; generatedAt: string; generatedBy: string },
        files: ReportFiles,
      ) => {
        const key = `${record.agencyId}/${record.year}`;
        if (mockStatus.get(key)?.status === 'published')
          return Promise.reject(new actual.ReportPublishedError(record.agencyId, record.year));
        mockStatus.set(key, { ...record, status: 'draft' });
        mockFiles.set(key, files);
        return Promise.resolve();
      },
    }),
  };
});

// Imported after the mocks are in place.
import { previousYearOf, scheduled } from '../../functions/annual-report/handler';
import { useClock } from '../../functions/shared/system-clock';

const context = { awsRequestId: 'test' } as Parameters<typeof scheduled>[1];

describe('the annual-report schedule (scheduled export)', () => {
  beforeEach(() => {
    mockStatus.clear();
    mockFiles.clear();
    mockSent.length = 0;
    mockFailFor.clear();
    mockClaims.clear();
    useClock(() => new Date('2025-01-01T18:00:00.000Z'));
  });

  it.each([
    ['02:00 on 2 January 2025, Beijing time', '2025-01-01T18:00:00.000Z', 2024],
    ['00:30 on 1 January 2025, Beijing time (still 31 December in UTC)', '2024-12-31T16:30:00Z', 2024],
    ['23:30 on 31 December 2024, Beijing time', '2024-12-31T15:30:00Z', 2023],
    ['an offset time', '2026-01-02T02:00:00+08:00', 2025],
  ])('reports on the Shanghai year before the run: %s', (_, time, year) => {
    expect(previousYearOf(time)).toBe(year);
  });

  it("generates every agency's previous-year draft in four formats and emails each office", async () => {
    // Act
    const result = await scheduled({ source: 'aws.scheduler', time: '2025-01-01T18:00:00Z' }, context);

    // Assert
    expect(result).toEqual({ year: 2024, generated: ['niedui-town', 'xihua-county'], skipped: [] });
    const files = mockFiles.get('niedui-town/2024');
    expect(Object.keys(files ?? {}).sort()).toEqual(['docx', 'html', 'json', 'md']);
    expect(JSON.parse(String(files?.json))).toMatchObject({ year: 2024, status: 'draft', publishable: false });
    expect(mockSent.map((e) => [e.to, e.kind])).toEqual([
      ['gongkai@niedui.example.gov.cn', 'report_ready'],
      ['gongkai@xihua.example.gov.cn', 'report_ready'],
    ]);
    expect(mockSent[0]?.content.subject).toBe('聂堆镇人民政府2024年政府信息公开工作年度报告草稿已生成');
  });

  it('leaves a published report alone and emails nobody about it', async () => {
    // Arrange
    mockStatus.set('niedui-town/2024', {
      agencyId: 'niedui-town',
      year: 2024,
      status: 'published',
      generatedAt: '2025-01-01T00:00:00.000Z',
      generatedBy: 'staff',
      publishedAt: '2025-01-01T00:00:00.000Z',
      publishedBy: 'staff',
    });

    // Act
    const result = await scheduled({ source: 'aws.scheduler', time: '2025-01-01T18:00:00Z' }, context);

    // Assert
    expect(result).toEqual({ year: 2024, generated: ['xihua-county'], skipped: ['niedui-town'] });
    expect(mockFiles.has('niedui-town/2024')).toBe(false);
    expect(mockSent.map((e) => e.to)).toEqual(['gongkai@xihua.example.gov.cn']);
  });

  it('tries every agency and then throws naming the ones that failed, so the scheduler retries', async () => {
    // Arrange
    mockFailFor.add('gongkai@niedui.example.gov.cn');

    // Act
    const run = scheduled({ source: 'aws.scheduler', time: '2025-01-01T18:00:00Z' }, context);

    // Assert
    await expect(run).rejects.toThrow(/niedui-town/);
    expect(mockSent.map((e) => e.to)).toEqual(['gongkai@xihua.example.gov.cn']);
  });

  it('emails on a retry only the offices that were not emailed yet', async () => {
    // Arrange: the first run fails to email 聂堆镇.
    mockFailFor.add('gongkai@niedui.example.gov.cn');
    await expect(scheduled({ source: 'aws.scheduler', time: '2025-01-01T18:00:00Z' }, context)).rejects.toThrow();
    mockFailFor.clear();

    // Act: the scheduler retries.
    await scheduled({ source: 'aws.scheduler', time: '2025-01-01T18:00:00Z' }, context);

    // Assert
    expect(mockSent.map((e) => e.to)).toEqual(['gongkai@xihua.example.gov.cn', 'gongkai@niedui.example.gov.cn']);
  });

  it('uses the system clock when the event carries no time', async () => {
    // Arrange
    useClock(() => new Date('2026-01-01T18:00:00.000Z'));

    // Act
    const result = await scheduled({ source: 'local.scheduler' }, context);

    // Assert
    expect(result.year).toBe(2025);
  });

  it('rejects an event that is not a schedule event', async () => {
    await expect(scheduled({ time: 'yesterday' } as never, context)).rejects.toThrow();
  });
});
