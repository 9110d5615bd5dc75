import { differingField, fieldFingerprint, fingerprintOf } from '../../functions/shared/client-token';
import { APPEAL_TOKEN_FIELDS } from '../../functions/shared/desk/appeals';
import { resetSearchKey } from '../../functions/shared/search-hash';

// The fingerprints are keyed with the search key (as every local system and Lambda has it).
beforeAll(() => {
  process.env.SEARCH_HASH_KEY = 'unit-test-search-key';
  resetSearchKey();
});
afterAll(() => {
  delete process.env.SEARCH_HASH_KEY;
  resetSearchKey();
});

/** Client-token fingerprints (issue #10): the same body matches, another body names its first differing field. */
describe('client token fingerprints', () => {
  const body = {
    applicant: {
      type: 'natural_person',
      name: '张三',
      idType: 'resident_id',
      idNumber: '11010519491231002X',
      phone: '13812345678',
      email: 'zhangsan@example.cn',
    },
    information: { description: '请公开2024年聂堆镇道路修缮工程的招标文件' },
    delivery: { form: 'electronic', method: 'email' },
  };

  it.each([
    ['the same body', body, undefined],
    ['another name', { ...body, applicant: { ...body.applicant, name: '李四' } }, 'applicant.name'],
    ['another description', { ...body, information: { description: '另一份文件' } }, 'information.description'],
    [
      'a document number added',
      { ...body, information: { ...body.information, documentNumber: '聂政〔2024〕1号' } },
      'information.documentNumber',
    ],
    ['another delivery method', { ...body, delivery: { form: 'paper', method: 'post' } }, 'delivery.form'],
  ])('%s → %s', (_label, other, field) => {
    expect(differingField(fingerprintOf('token-0001', body), fingerprintOf('token-0001', other))).toBe(field);
  });

  it('keeps no clear value and differs between tokens', () => {
    const fingerprint = fingerprintOf('token-0001', body);
    expect(JSON.stringify(fingerprint)).not.toContain('11010519491231002X');
    expect(fingerprintOf('token-0002', body)['applicant.idNumber']).not.toBe(fingerprint['applicant.idNumber']);
  });

  it('does not count a field the stored fingerprint lacks (a token stored before fingerprints) as a difference', () => {
    expect(differingField({}, fingerprintOf('token-0001', body))).toBeUndefined();
  });

  it('keys every hash with the search key, so the ID number cannot be found again from the token and its hash', () => {
    const fingerprint = fingerprintOf('token-0001', body);
    process.env.SEARCH_HASH_KEY = 'another-key';
    resetSearchKey();
    const otherKey = fingerprintOf('token-0001', body);
    process.env.SEARCH_HASH_KEY = 'unit-test-search-key';
    resetSearchKey();

    expect(fingerprint['applicant.idNumber']).toMatch(/^k1\.[A-Za-z0-9_-]{32}$/);
    expect(otherKey['applicant.idNumber']).not.toBe(fingerprint['applicant.idNumber']);
  });

  it('does not compare a field stored as an unkeyed hash of old (a token stored before the keyed ones)', () => {
    const legacy = { 'applicant.name': '0123456789abcdef01234567', 'applicant.idNumber': 'fedcba9876543210fedcba98' };

    expect(differingField(legacy, fingerprintOf('token-0001', body))).toBeUndefined();
    expect(
      differingField(
        { ...legacy, 'information.description': fingerprintOf('token-0001', body)['information.description'] ?? '' },
        fingerprintOf('token-0001', { ...body, information: { description: '另一份' } }),
      ),
    ).toBe('information.description');
  });
});

/** An appeal's client token (issue #14): the same mechanism over the filing's fields. */
describe('appeal client token fingerprints', () => {
  const filing = { kind: 'review', forum: '西华县人民政府', filedOn: '2024-12-02' };
  const fingerprint = (token: string, body: typeof filing) =>
    fieldFingerprint(token, APPEAL_TOKEN_FIELDS, (field) => body[field]);

  it.each([
    ['the same filing', filing, undefined],
    ['another kind', { ...filing, kind: 'litigation_direct' }, 'kind'],
    ['another forum', { ...filing, forum: '西华县人民法院' }, 'forum'],
    ['another date', { ...filing, filedOn: '2024-12-03' }, 'filedOn'],
    [
      'another kind and date (the first field named)',
      { ...filing, kind: 'litigation_direct', filedOn: '2024-12-03' },
      'kind',
    ],
  ])('%s → %s', (_label, other, field) => {
    expect(
      differingField(fingerprint('appeal-0001', filing), fingerprint('appeal-0001', other), APPEAL_TOKEN_FIELDS),
    ).toBe(field);
  });
});
