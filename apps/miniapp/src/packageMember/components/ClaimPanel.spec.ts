import { codeFromScan } from './ClaimPanel';

describe('scanning the check-in code', () => {
  it('reads six digits out of what was scanned', () => {
    expect(codeFromScan('123456')).toBe('123456');
    expect(codeFromScan('https://h5.example/checkin?task=21&code=654321')).toBe('654321');
    expect(codeFromScan('1234567')).toBeNull();
    expect(codeFromScan('')).toBeNull();
    expect(codeFromScan(undefined)).toBeNull();
  });
});
