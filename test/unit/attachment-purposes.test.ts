import { APPLICANT_PURPOSES, PURPOSE_LABELS, purposeLabelFor } from '../../functions/shared/domain/attachments';
import { APPLICANT_TYPES } from '../../functions/shared/domain/model';

/** The applicant's upload purposes as each kind of applicant reads them (design.md §9 Attachments; Art. 29). */
describe('purposeLabelFor', () => {
  it.each(APPLICANT_TYPES.filter((type) => type !== 'natural_person'))(
    'labels the proof of identity of a %s as its business licence or registration',
    (type) => {
      expect(purposeLabelFor('identity_proof', type)).toBe('主体资格证明（营业执照等）');
    },
  );

  it('labels a person’s proof of identity 身份证明, also when the applicant is not known', () => {
    expect(purposeLabelFor('identity_proof', 'natural_person')).toBe('身份证明');
    expect(purposeLabelFor('identity_proof')).toBe('身份证明');
  });

  it.each(APPLICANT_PURPOSES.filter((purpose) => purpose !== 'identity_proof'))(
    'labels %s alike for a person and an organisation',
    (purpose) => {
      expect(purposeLabelFor(purpose, 'commercial_enterprise')).toBe(PURPOSE_LABELS[purpose]);
      expect(purposeLabelFor(purpose, 'natural_person')).toBe(PURPOSE_LABELS[purpose]);
    },
  );
});
