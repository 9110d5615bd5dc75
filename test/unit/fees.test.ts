import { countFeeTotal, feeForApplication, pagesFee } from '../../functions/shared/domain/fees';

describe('fees by count per applicant per natural month (按件)', () => {
  it.each([
    [0, 0],
    [10, 0],
    [11, 100],
    [12, 200],
    [30, 2000],
    [31, 2200],
    [40, 4000],
    [45, 5500],
    [50, 7000],
    [51, 7400],
  ])('%i applications in a month cost %i yuan in total', (n, yuan) => {
    // Act / Assert
    expect(countFeeTotal(n).yuan).toBe(yuan);
  });

  it('breaks a month of 45 down by band', () => {
    // Act
    const fee = countFeeTotal(45);
    // Assert
    expect(fee.breakdown.map((b) => [b.from, b.to, b.quantity, b.unitYuan, b.subtotalYuan])).toEqual([
      [1, 10, 10, 0, 0],
      [11, 30, 20, 100, 2000],
      [31, 40, 10, 200, 2000],
      [41, 45, 5, 300, 1500],
    ]);
  });

  it.each([
    [1, 0],
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [41, 300],
    [51, 400],
  ])('charges the %i-th application of the month %i yuan', (nthInMonth, yuan) => {
    // Act / Assert
    expect(feeForApplication({ method: 'by_count', nthInMonth }).yuan).toBe(yuan);
  });

  it('adds up, application by application, to the month total', () => {
    // Arrange
    let sum = 0;
    // Act
    for (let i = 1; i <= 73; i += 1) sum += feeForApplication({ method: 'by_count', nthInMonth: i }).yuan;
    // Assert
    expect(sum).toBe(countFeeTotal(73).yuan);
  });
});

describe('fees by pages per application (按量)', () => {
  it.each([
    [0, 0],
    [30, 0],
    [31, 10],
    [100, 700],
    [150, 1700],
    [200, 2700],
    [201, 2740],
  ])('%i pages cost %i yuan', (pages, yuan) => {
    // Act / Assert
    expect(feeForApplication({ method: 'by_pages', pages }).yuan).toBe(yuan);
    expect(pagesFee(pages).yuan).toBe(yuan);
  });

  it('breaks 150 pages down as 70 × 10 + 50 × 20', () => {
    // Act
    const fee = pagesFee(150);
    // Assert
    expect(fee.breakdown.filter((b) => b.subtotalYuan > 0).map((b) => [b.quantity, b.unitYuan])).toEqual([
      [70, 10],
      [50, 20],
    ]);
  });

  it('rejects a negative or fractional quantity', () => {
    // Act / Assert
    expect(() => pagesFee(-1)).toThrow(RangeError);
    expect(() => feeForApplication({ method: 'by_count', nthInMonth: 0 })).toThrow(RangeError);
    expect(() => countFeeTotal(1.5)).toThrow(RangeError);
  });
});
