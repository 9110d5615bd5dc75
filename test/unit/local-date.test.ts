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
});
