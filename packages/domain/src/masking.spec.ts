import fc from 'fast-check';
import { maskIdNumber, maskName, maskPhone } from './masking';

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });
  it('never returns the input unmasked, whatever its length', () => {
    for (const s of ['1', '123456', '1234567', '13812341234999']) {
      expect(maskPhone(s)).not.toBe(s);
    }
  });
  it('hides at least four characters of any value', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{1,20}$/),
        (s) => (maskPhone(s).match(/\*/g) ?? []).length >= Math.min(4, s.length),
      ),
    );
  });
  it('answers an empty string for no phone', () => {
    expect(maskPhone(null)).toBe('');
  });
});

describe('maskIdNumber', () => {
  it('keeps the region prefix and the last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
  it('masks short values entirely', () => {
    expect(maskIdNumber('12345')).toBe('*****');
  });
});

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['张小明', '张*明'],
    ['欧阳娜娜', '欧**娜'],
    ['李', '李'],
  ])('%s → %s', (input, out) => expect(maskName(input)).toBe(out));
});
