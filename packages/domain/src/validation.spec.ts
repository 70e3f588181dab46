import fc from 'fast-check';
import { isCnIdNumber, isCnMobile, passwordPolicyViolation } from './validation';

describe('isCnMobile', () => {
  it.each(['13812341234', '19900000000'])('accepts %s', (p) => expect(isCnMobile(p)).toBe(true));
  it.each(['12812341234', '1381234123', '138123412345', '+8613812341234', '', 13812341234])('rejects %s', (p) =>
    expect(isCnMobile(p)).toBe(false),
  );
});

describe('isCnIdNumber', () => {
  it('accepts a number whose check character is right', () => {
    expect(isCnIdNumber('11010519491231002X')).toBe(true);
    expect(isCnIdNumber('11010519491231002x')).toBe(true);
  });
  it('rejects a wrong check character or an impossible date', () => {
    expect(isCnIdNumber('110105194912310021')).toBe(false);
    expect(isCnIdNumber('110105194902300020')).toBe(false);
  });
  it('rejects any string that is not 18 characters', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => s.length !== 18),
        (s) => !isCnIdNumber(s),
      ),
    );
  });
});

describe('passwordPolicyViolation', () => {
  it('accepts 8+ characters from three classes', () => {
    expect(passwordPolicyViolation('Abcdefg1')).toBeNull();
    expect(passwordPolicyViolation('abcdef1!')).toBeNull();
  });
  it('rejects short passwords with a Chinese reason', () => {
    expect(passwordPolicyViolation('Ab1!')).toBe('密码至少需要8位');
  });
  it('rejects passwords with fewer than three classes', () => {
    expect(passwordPolicyViolation('abcdefgh1')).toMatch(/至少三类/);
    expect(passwordPolicyViolation('ABCDEFGH')).toMatch(/至少三类/);
  });
  it('never accepts a password drawn from only two classes', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9]{8,30}$/), (pw) => passwordPolicyViolation(pw) !== null));
  });
});
