import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LUNAR_DATES_FIRST_YEAR, LUNAR_DATES_LAST_YEAR, lunarDatesOf } from '../../functions/shared/domain/lunar-dates';
import { LUNAR_DATES } from '../../functions/shared/domain/lunar-dates.generated';
import { generatedModule, lunarDatesOfYear, lunarEntryOf } from '../../scripts/lunar-dates';

const GENERATED = path.join(__dirname, '../../functions/shared/domain/lunar-dates.generated.ts');

describe('the committed lunar-date table (issue 17: chinese-days at build time, not in the Lambdas)', () => {
  it('has one entry per year 2000–2099', () => {
    // Assert
    expect(LUNAR_DATES).toHaveLength(LUNAR_DATES_LAST_YEAR - LUNAR_DATES_FIRST_YEAR + 1);
  });

  it('matches chinese-days on every year (if not: run `npm run gen:lunar` and review the changed dates)', () => {
    // Arrange
    const stale: string[] = [];
    // Act
    for (let year = LUNAR_DATES_FIRST_YEAR; year <= LUNAR_DATES_LAST_YEAR; year += 1) {
      const table = lunarDatesOf(year);
      const computed = lunarDatesOfYear(year);
      if (JSON.stringify(table) !== JSON.stringify(computed)) {
        stale.push(`${year}: table ${JSON.stringify(table)}, chinese-days ${JSON.stringify(computed)}`);
      }
    }
    // Assert
    expect(stale).toEqual([]);
  });

  it('is exactly what the script writes (if not: run `npm run gen:lunar`)', () => {
    // Assert
    expect(readFileSync(GENERATED, 'utf8')).toBe(generatedModule());
  });

  it('reads 2027 as 春节 06 Feb, 清明 05 Apr, 端午 09 Jun, 中秋 15 Sep and refuses years outside the table', () => {
    // Assert
    expect(lunarDatesOf(2027)).toEqual({
      springFestival: '2027-02-06',
      qingming: '2027-04-05',
      duanwu: '2027-06-09',
      midAutumn: '2027-09-15',
    });
    expect(() => lunarDatesOf(1999)).toThrow(RangeError);
    expect(() => lunarDatesOf(2100)).toThrow(RangeError);
    expect(() => lunarDatesOf(2027.5)).toThrow(RangeError);
  });
});

describe('the lunar computation of the script does not depend on the host time zone', () => {
  it.each(['America/Los_Angeles', 'UTC', 'Asia/Shanghai', 'Pacific/Kiritimati'])('computes 2027 in %s', (zone) => {
    // Arrange
    const saved = process.env.TZ;
    process.env.TZ = zone;
    try {
      // Act
      const entries = [2025, 2027, 2030].map(lunarEntryOf);
      // Assert
      expect(entries).toEqual(['0129 0404 0531 1006', '0206 0405 0609 0915', '0203 0405 0605 0912']);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
