import {
  appealCorrectionCheck,
  correctionAffectedYears,
  type AppealValues,
} from '../../functions/shared/domain/appeal-correction';
import { correctAppeal, type AppealCase } from '../../functions/shared/desk/appeals';
import { makeInMemoryAppealRepository } from '../../functions/shared/store/appeal-repository';

/** Correcting a wrongly recorded appeal (issue #14): the pure rules and the service over the in-memory twin. */

const FACTS = { receivedOn: '2023-03-01', closedOn: '2023-03-14', repliedOnTime: true };
const DECIDED: AppealValues = {
  kind: 'review',
  forum: '西华县人民政府',
  filedOn: '2023-04-20',
  result: 'upheld',
  decidedOn: '2024-03-01',
};
const PENDING: AppealValues = { kind: 'review', forum: '西华县人民政府', filedOn: '2023-04-20' };

describe('what a correction may change (appealCorrectionCheck)', () => {
  it.each([
    ['a result', DECIDED, { result: 'corrected' as const }, ['result']],
    ['a decision date', DECIDED, { decidedOn: '2024-03-05' }, ['decidedOn']],
    ['kind and forum', DECIDED, { kind: 'litigation_direct' as const, forum: '西华县人民法院' }, ['kind', 'forum']],
    ['a result taken back', DECIDED, { result: null }, ['result', 'decidedOn']],
    [
      'a result with its date on a pending appeal',
      PENDING,
      { result: 'other' as const, decidedOn: '2024-01-02' },
      ['result', 'decidedOn'],
    ],
  ])('accepts %s, naming the fields changed', (_label, current, correction, changed) => {
    const check = appealCorrectionCheck(current, correction, FACTS);

    expect(check).toMatchObject({ ok: true, changed });
  });

  it.each([
    ['nothing changed', DECIDED, { forum: '西华县人民政府' }, '', '没有需要更正的字段'],
    [
      'a decision before the filing',
      DECIDED,
      { decidedOn: '2023-04-19' },
      'decidedOn',
      '审结日期（2023-04-19）不能早于提起日期（2023-04-20）',
    ],
    [
      'a filing moved after the decision',
      DECIDED,
      { filedOn: '2024-03-02' },
      'decidedOn',
      '不能早于提起日期（2024-03-02）',
    ],
    [
      'a filing before the on-time reply',
      DECIDED,
      { filedOn: '2023-03-10' },
      'filedOn',
      '不能早于答复日期（2023-03-14）',
    ],
    ['a filing before the receipt', PENDING, { filedOn: '2023-02-28' }, 'filedOn', '不能早于申请的收到日期'],
    [
      'a result without its date on a pending appeal',
      PENDING,
      { result: 'other' as const },
      'decidedOn',
      '必须填写审结日期',
    ],
    [
      'a date without a result on a pending appeal',
      PENDING,
      { decidedOn: '2024-01-02' },
      'result',
      '必须同时填写审结结果',
    ],
    [
      'a result taken back with a date',
      DECIDED,
      { result: null, decidedOn: '2024-03-01' },
      'decidedOn',
      '不能同时填写审结日期',
    ],
  ])('refuses %s, naming the field', (_label, current, correction, field, message) => {
    const check = appealCorrectionCheck(current, correction, FACTS);

    expect(check.ok).toBe(false);
    expect(!check.ok && check.violations[0]).toEqual({ field, message: expect.stringContaining(message) });
  });

  it('checks a lawsuit after review against the case’s other reviews (行政诉讼法 Art. 45)', () => {
    const lawsuit: AppealValues = {
      kind: 'litigation_after_review',
      forum: '周口市中级人民法院',
      filedOn: '2023-06-01',
    };

    const check = appealCorrectionCheck(lawsuit, { filedOn: '2023-04-01' }, FACTS, [{ filedOn: '2023-04-20' }]);

    expect(!check.ok && check.violations[0]?.field).toBe('filedOn');
  });

  it('never changes the appeal it was given', () => {
    const before = structuredClone(DECIDED);
    appealCorrectionCheck(DECIDED, { result: null }, FACTS);
    expect(DECIDED).toEqual(before);
  });
});

describe('the years whose section 四 a correction changes (correctionAffectedYears)', () => {
  it.each([
    ['the forum alone', { forum: '周口市人民政府' }, []],
    ['the result (decided 2024)', { result: 'corrected' as const }, [2024]],
    ['the kind (pending 2023, decided 2024)', { kind: 'litigation_direct' as const }, [2023, 2024]],
    ['the decision moved into 2025', { decidedOn: '2025-03-01' }, [2024, 2025]],
    ['the decision moved within 2024', { decidedOn: '2024-11-30' }, []],
    ['the filing moved to 2022', { filedOn: '2022-12-20' }, [2022]],
    ['the result taken back', { result: undefined, decidedOn: undefined }, [2024, 2025]],
  ])('%s → %j (today 2026-02-01)', (_label, change, years) => {
    const after = { ...DECIDED, ...change } as AppealValues;
    if (after.result === undefined) delete after.result;
    if (after.decidedOn === undefined) delete after.decidedOn;

    expect(correctionAffectedYears(DECIDED, after, '2026-02-01')).toEqual(years);
  });
});

describe('correctAppeal over the in-memory twin', () => {
  const CASE: AppealCase = { caseId: 'c1', agencyId: 'niedui-town', receiptNumber: 'NDZ-2023-000007', ...FACTS };
  const NOW = new Date('2026-02-02T02:00:00Z');

  it('writes the correction with who, when, why and the previous value, audits it and marks the published years', async () => {
    // Arrange
    const appeals = makeInMemoryAppealRepository();
    await appeals.create({
      appealId: 'a1',
      caseId: 'c1',
      agencyId: 'niedui-town',
      ...DECIDED,
      recordedAt: 'x',
      recordedBy: 'u0',
    });
    const marked: number[] = [];
    const audited: unknown[] = [];
    const deps = {
      appeals,
      statuses: {
        markCorrectionNeeded: async (_a: string, year: number) => (marked.push(year), year === 2024),
      },
      audit: { record: async (entry: unknown) => void audited.push(entry) },
    };

    // Act
    const { appeal, warnings } = await correctAppeal(deps, {
      caseFile: CASE,
      appealId: 'a1',
      correction: { result: 'other' },
      reason: '录入错误',
      actor: 'u1',
      now: NOW,
    });

    // Assert
    expect(appeal.result).toBe('other');
    expect(appeal.corrections).toEqual([
      { at: NOW.toISOString(), by: 'u1', reason: '录入错误', changed: ['result'], previous: { result: 'upheld' } },
    ]);
    expect(marked).toEqual([2024]);
    expect(warnings.map((w) => w.year)).toEqual([2024]);
    expect(audited).toEqual([
      expect.objectContaining({
        action: 'appeal_correction',
        actor: 'u1',
        previous: { result: '结果维持' },
        next: { result: '其他结果' },
      }),
    ]);
  });

  it('refuses with 409 when the record changed since it was read (the conditional write)', async () => {
    const appeals = makeInMemoryAppealRepository();
    await appeals.create({
      appealId: 'a1',
      caseId: 'c1',
      agencyId: 'niedui-town',
      ...PENDING,
      recordedAt: 'x',
      recordedBy: 'u0',
    });

    const written = await appeals.correct(
      'niedui-town',
      'c1',
      'a1',
      DECIDED,
      { ...DECIDED, result: 'other' },
      {
        at: NOW.toISOString(),
        by: 'u1',
        reason: 'r',
        changed: ['result'],
        previous: { result: 'upheld' },
      },
    );

    expect(written).toEqual({ outcome: 'changed' });
  });
});
