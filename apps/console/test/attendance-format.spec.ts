import { ClaimStatus } from '@sbd/contracts';
import { VERIFY_FILTERS, bulkSummary, totalHours } from '@/features/attendance/attendance-format';

describe('服务核验 wording', () => {
  it('sums up a bulk verification with the first failure’s reason', () => {
    expect(bulkSummary({ done: 2, failed: [] })).toBe('2 条已核验');
    expect(
      bulkSummary({
        done: 3,
        failed: [{ id: 7, message: '服务尚未结束' }],
      }),
    ).toBe('3 条已核验，1 条失败：服务尚未结束');
    expect(
      bulkSummary({
        done: 0,
        failed: [
          { id: 1, message: '甲' },
          { id: 2, message: '乙' },
        ],
      }),
    ).toBe('0 条已核验，2 条失败：甲');
  });

  it('adds the selected claims’ hours, unknown hours as none', () => {
    expect(totalHours([{ creditedHours: 1 }, { creditedHours: 2.5 }, { creditedHours: null }])).toBe('3.5');
    expect(totalHours([{ creditedHours: 1 }, { creditedHours: 1 }])).toBe('2');
    expect(totalHours([])).toBe('0');
  });

  it('calls a checked-out claim 待核验 and offers it first', () => {
    expect(VERIFY_FILTERS[0]).toEqual({ value: ClaimStatus.CheckedOut, label: '待核验' });
  });
});
