import fc from 'fast-check';
import {
  addDays,
  fromDayNumber,
  isLocalDate,
  shanghaiDateOf,
  shanghaiNineAm,
  toDayNumber,
  weekdayName,
} from '../../functions/shared/domain/local-date';

describe('local dates as day numbers', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['2100-02-29', false],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-1-01', false],
    ['2024/01/01', false],
    ['２０２４-01-01', false],
  ])('%s is a real date: %s', (value, expected) => {
    // Act / Assert
    expect(isLocalDate(value)).toBe(expected);
  });

  it('matches Date.UTC for every day from 1900 to 2300', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2300, 0, 1) / 86_400_000 }),
        (n) => {
          const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
          return fromDayNumber(n) === iso && toDayNumber(iso) === n;
        },
      ),
    );
  });

  it('crosses a year boundary and names the weekday', () => {
    // Act / Assert
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(weekdayName('2024-10-12')).toBe('周六');
  });

  it('puts 09:00 Shanghai at 01:00Z and reads an instant as a Shanghai date', () => {
    // Act / Assert
    expect(shanghaiNineAm('2024-10-23')).toBe('2024-10-23T01:00:00.000Z');
    expect(shanghaiDateOf('2024-10-22T16:00:00.000Z')).toBe('2024-10-23');
    expect(shanghaiDateOf('2024-10-22T15:59:59.999Z')).toBe('2024-10-22');
  });

  it('throws a RangeError for a malformed date', () => {
    // Act / Assert
    expect(() => toDayNumber('2024-02-30')).toThrow(RangeError);
  });

  it('parses exactly the real dates of years 0000–9999, inside and outside the lookup table', () => {
    const reference = (year: number, month: number, day: number): number => {
      const at = new Date(0);
      at.setUTCFullYear(year, month - 1, day);
      const real = at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
      return real ? Math.round(at.getTime() / 86_400_000) : Number.NaN;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        (year, month, day) => {
          const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const expected = reference(year, month, day);
          if (Number.isNaN(expected)) {
            expect(() => toDayNumber(text)).toThrow(RangeError);
            return !isLocalDate(text);
          }
          return isLocalDate(text) && toDayNumber(text) === expected;
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each(['1899-12-31', '2200-01-01', '0000-02-29', '9999-12-31', '2199-12-31', '1900-01-01'])(
    'parses %s at the edges of the lookup table like Date.UTC',
    (value) => {
      // Act / Assert
      expect(toDayNumber(value)).toBe(Date.parse(`${value}T00:00:00Z`) / 86_400_000);
    },
  );

  it.each(['1900-02-29', '2100-02-29', '2199-02-29', '1899-02-29', '2024-02-30', '2024-06-31', '2024-01-00'])(
    'refuses %s, which is not a real date',
    (value) => {
      // Act / Assert
      expect(isLocalDate(value)).toBe(false);
      expect(() => toDayNumber(value)).toThrow(RangeError);
    },
  );

  it('refuses a character just outside 0–9 (/ and :) or a wrong separator at every position', () => {
    // Arrange
    const valid = '2024-10-23';
    const variants: string[] = [];
    for (let i = 0; i < valid.length; i += 1) {
      const replacements = i === 4 || i === 7 ? ['/', '0', '.', '\u2010'] : ['/', ':', ' ', '-', '\uff10'];
      for (const r of replacements) variants.push(valid.slice(0, i) + r + valid.slice(i + 1));
    }
    // Act / Assert
    expect(variants.filter((v) => isLocalDate(v))).toEqual([]);
    expect(isLocalDate(`${valid} `)).toBe(false);
    expect(isLocalDate(valid.slice(1))).toBe(false);
  });
});
