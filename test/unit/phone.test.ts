import { isPhoneNumber, normalizePhone } from '../../functions/shared/domain/phone';
import { normalizeSearchValue } from '../../functions/shared/search-hash';

/** Phones as people write them (Art. 29 contact details): one normal form for the store and the search. */
describe('normalizePhone', () => {
  it.each([
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    [' +86 138-0013-8000 ', '13800138000'],
    ['0086 138 0013 8000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['010 12345678', '010-12345678'],
    ['0571--8888888 - 123', '0571-8888888-123'],
    ['0755-86013388-801', '0755-86013388-801'],
  ])('writes %s as %s', (typed, normal) => {
    expect(normalizePhone(typed)).toBe(normal);
    expect(isPhoneNumber(typed)).toBe(true);
  });

  it.each(['138 0013 800', '1380013800012', '+86 238 0013 8000', '0394 123', 'phone'])('finds no phone in %s', (v) => {
    expect(isPhoneNumber(v)).toBe(false);
  });

  it('is the search hash’s normal form too: a phone stored and a phone searched hash alike', () => {
    for (const [stored, typed] of <const>[
      ['13800138000', '+86 138 0013 8000'],
      ['13800138000', '0086-138-0013-8000'],
      ['010-12345678', '010 1234 5678'],
      ['010-12345678', '01012345678'],
    ])
      expect(normalizeSearchValue('phone', typed)).toBe(normalizeSearchValue('phone', normalizePhone(stored)));
  });
});
