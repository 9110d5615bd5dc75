import {
  OUTCOME_CODES,
  OUTCOME_LABELS,
  APPLICANT_TYPES,
  APPLICANT_TYPE_LABELS,
} from '../../functions/shared/domain/model';

describe('case model tables', () => {
  it('has the 21 outcome rows of section 三, each with its official label', () => {
    expect(OUTCOME_CODES).toHaveLength(21);
    for (const code of OUTCOME_CODES) expect(OUTCOME_LABELS[code].length).toBeGreaterThan(1);
  });
  it('has the six applicant columns', () => {
    expect(APPLICANT_TYPES.map((t) => APPLICANT_TYPE_LABELS[t])).toEqual([
      '自然人',
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
    ]);
  });
});
