import {
  descriptionSimilarity,
  documentNumberKey,
  duplicateWindowStart,
  possibleDuplicates,
  type ApplicantApplication,
} from '../../functions/shared/domain/desk';
import { possibleDuplicatesIfFound } from '../../functions/shared/desk/duplicates';
import { resetSearchKey } from '../../functions/shared/search-hash';
import type { CaseRepository } from '../../functions/shared/store/case-repository';

/** Possible repeat applications (重复申请, Art. 36 (六)): the pure rule over one applicant's applications. */

const CURRENT = {
  caseId: 'now',
  receiptNumber: 'NDZ-2024-000010',
  receivedOn: '2024-10-23',
  description: '请公开2023年本镇财政预算执行情况',
};
const earlier = (overrides: Partial<ApplicantApplication>): ApplicantApplication => ({
  caseId: 'a',
  receiptNumber: 'NDZ-2024-000001',
  receivedOn: '2024-03-01',
  status: 'closed',
  outcome: 'disclosed',
  closedOn: '2024-03-20',
  description: '请公开本镇2023年财政预算执行情况',
  ...overrides,
});

describe('possible repeat applications', () => {
  it('shows an earlier application with a similar description, with its outcome, reply date and similarity', () => {
    const found = possibleDuplicates(CURRENT, [earlier({})]);

    expect(found).toEqual([
      {
        caseId: 'a',
        receiptNumber: 'NDZ-2024-000001',
        receivedOn: '2024-03-01',
        status: 'closed',
        outcome: 'disclosed',
        closedOn: '2024-03-20',
        similarity: Math.round(descriptionSimilarity(CURRENT.description, earlier({}).description) * 100) / 100,
      },
    ]);
    expect(found[0]?.similarity).toBeGreaterThan(0.8);
  });

  it('leaves out a dissimilar description, the case itself and a later application', () => {
    const found = possibleDuplicates(CURRENT, [
      earlier({ caseId: 'other', description: '请公开聂堆镇幸福路修缮工程的招标公告' }),
      earlier({ caseId: 'now', receiptNumber: CURRENT.receiptNumber, receivedOn: CURRENT.receivedOn }),
      earlier({ caseId: 'later', receiptNumber: 'NDZ-2024-000011', receivedOn: '2024-10-24' }),
      earlier({ caseId: 'same-day-after', receiptNumber: 'NDZ-2024-000012', receivedOn: '2024-10-23' }),
    ]);

    expect(found).toEqual([]);
  });

  it('counts the same day under an earlier receipt number, and 12 months back to the same calendar day', () => {
    const found = possibleDuplicates(CURRENT, [
      earlier({ caseId: 'same-day-before', receiptNumber: 'NDZ-2024-000009', receivedOn: '2024-10-23' }),
      earlier({ caseId: 'window-start', receiptNumber: 'NDZ-2023-000400', receivedOn: '2023-10-23' }),
      earlier({ caseId: 'too-old', receiptNumber: 'NDZ-2023-000399', receivedOn: '2023-10-22' }),
    ]);

    expect(found.map((d) => d.caseId)).toEqual(['same-day-before', 'window-start']);
    expect(duplicateWindowStart('2024-02-29')).toBe('2023-02-28');
  });

  it('puts the most alike first', () => {
    const found = possibleDuplicates(CURRENT, [
      earlier({ caseId: 'alike', description: '请公开2023年本镇财政预算执行情况的报告' }),
      earlier({ caseId: 'same', description: CURRENT.description }),
    ]);

    expect(found.map((d) => [d.caseId, d.similarity])).toEqual([
      ['same', 1],
      ['alike', expect.any(Number)],
    ]);
  });

  it('shows an application for a document by the same 文号 whatever its wording, first', () => {
    const current = { ...CURRENT, description: '请提供该文件全文', documentNumber: '聂政 [2024] 12号' };
    const found = possibleDuplicates(current, [
      earlier({ caseId: 'alike', description: '请提供该文件的全文' }),
      earlier({
        caseId: 'by-number',
        description: '申请公开镇政府关于道路养护的通知',
        documentNumber: '聂政〔2024〕12号',
      }),
      earlier({
        caseId: 'other-number',
        description: '申请公开镇政府关于道路养护的通知',
        documentNumber: '聂政〔2024〕13号',
      }),
    ]);

    expect(found.map((d) => [d.caseId, d.sameDocumentNumber ?? false])).toEqual([
      ['by-number', true],
      ['alike', false],
    ]);
    expect(documentNumberKey('聂政（2024）12号')).toBe(documentNumberKey('聂政〔2024〕12号'));
    expect(documentNumberKey('')).toBe('');
  });

  it('does not take two applications without a 文号 for the same document', () => {
    const found = possibleDuplicates({ ...CURRENT, description: '请公开道路养护合同' }, [
      earlier({ caseId: 'no-number', description: '申请公开低保名单' }),
    ]);

    expect(found).toEqual([]);
  });

  describe('on the registration’s answer', () => {
    const record = {
      caseId: 'now',
      agencyId: 'niedui-town',
      receiptNumber: CURRENT.receiptNumber,
      receivedOn: CURRENT.receivedOn,
      applicant: {
        type: 'natural_person' as const,
        name: '张三',
        idType: 'resident_id' as const,
        idNumber: '11010519491231002X',
        phone: '13812345678',
      },
      information: { description: CURRENT.description },
    };
    beforeAll(() => {
      process.env.SEARCH_HASH_KEY = 'unit-test-search-key';
      resetSearchKey();
    });
    afterAll(() => {
      delete process.env.SEARCH_HASH_KEY;
      resetSearchKey();
    });

    it('looks them up by the keyed hash of the ID number from the start of the 12-month window', async () => {
      const asked: unknown[][] = [];
      const repository: Pick<CaseRepository, 'findByApplicantHash'> = {
        findByApplicantHash: (...args) => {
          asked.push(args);
          return Promise.resolve([
            {
              caseId: 'a',
              receiptNumber: 'NDZ-2024-000001',
              version: 3,
              agencyId: 'niedui-town',
              applicantType: 'natural_person',
              maskedName: '张*',
              maskedIdNumber: '1101**********002X',
              receivedOn: '2024-03-01',
              channel: 'online',
              status: 'closed',
              sortDue: '2024-03-29',
              closedOn: '2024-03-20',
              outcome: 'disclosed',
              description: '请公开本镇2023年财政预算执行情况',
            },
          ]);
        },
      };
      const found = await possibleDuplicatesIfFound(repository, record);

      expect(asked).toEqual([['niedui-town', 'idNumber', expect.not.stringContaining('1101'), '2023-10-23']]);
      expect(found.possibleDuplicates?.map((d) => d.caseId)).toEqual(['a']);
    });

    it('leaves the field out, without failing, when the look-up fails (the tracking code is in that answer)', async () => {
      const found = await possibleDuplicatesIfFound(
        { findByApplicantHash: () => Promise.reject(new Error('ProvisionedThroughputExceededException')) },
        record,
      );

      expect(found).toEqual({});
    });
  });
});
