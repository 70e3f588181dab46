import { DayPeriod, Weekday } from '@sbd/contracts';
import { validateLogin, validateSignup } from '@/features/auth/form';
import { hasErrors, parseSkills } from '@/platform/validation';
import {
  emptyRegistrationForm,
  rejectReasonError,
  toSubmitRequest,
  validateRegistration,
  type RegistrationForm,
} from './form';

const valid: RegistrationForm = emptyRegistrationForm({
  name: '李四',
  phone: '13912345678',
  workUnitId: 3,
  unitPartyOrgName: '市财政局机关党委',
  residenceDetail: '3栋2单元501',
  skillsText: '法律咨询，理发 、电脑维修',
  freeTime: [{ weekday: Weekday.Sat, period: DayPeriod.Morning }],
  positionIds: [11],
  consent: true,
});

describe('registration form validation', () => {
  it('accepts a complete form', () => {
    expect(hasErrors(validateRegistration(valid, { consentVersion: '2025-01', verifiedPhone: '13912345678' }))).toBe(
      false,
    );
  });

  it('requires a valid mainland mobile number', () => {
    expect(
      validateRegistration({ ...valid, phone: '' }, { consentVersion: 'v1', verifiedPhone: '13912345678' }).phone,
    ).toBe('请填写手机号');
    expect(
      validateRegistration({ ...valid, phone: '12345678901' }, { consentVersion: 'v1', verifiedPhone: '13912345678' })
        .phone,
    ).toBe('请输入正确的11位手机号');
    expect(
      validateRegistration({ ...valid, phone: '1391234567' }, { consentVersion: 'v1', verifiedPhone: '13912345678' })
        .phone,
    ).toBe('请输入正确的11位手机号');
    expect(
      validateRegistration({ ...valid, phone: ' 13912345678 ' }, { consentVersion: 'v1', verifiedPhone: '13912345678' })
        .phone,
    ).toBeUndefined();
  });

  it('requires the phone to be the verified one', () => {
    const ctx = { consentVersion: 'v1', verifiedPhone: null };
    expect(validateRegistration(valid, ctx).phone).toBe('请先验证手机号（报到需使用本人验证过的手机号）');
    expect(validateRegistration(valid, { ...ctx, verifiedPhone: '13900000000' }).phone).toBe(
      '请先验证手机号（报到需使用本人验证过的手机号）',
    );
  });

  it('requires consent to the privacy notice, and a loaded notice', () => {
    expect(
      validateRegistration({ ...valid, consent: false }, { consentVersion: 'v1', verifiedPhone: '13912345678' })
        .consent,
    ).toBe('请阅读并同意隐私政策后再提交');
    expect(validateRegistration(valid, { consentVersion: null, verifiedPhone: '13912345678' }).consent).toBe(
      '隐私政策未能加载，请稍后重试',
    );
  });

  it('requires a work unit (listed or typed), party organisation, residence and a name', () => {
    const errors = validateRegistration(
      { ...valid, name: '', workUnitId: null, workUnitName: ' ', unitPartyOrgName: '', residenceDetail: '' },
      { consentVersion: 'v1', verifiedPhone: '13912345678' },
    );
    expect(errors.name).toBe('请填写姓名');
    expect(errors.workUnitName).toBe('请选择或填写工作单位');
    expect(errors.unitPartyOrgName).toBeTruthy();
    expect(errors.residenceDetail).toBeTruthy();
    expect(
      validateRegistration(
        { ...valid, workUnitId: null, workUnitName: '某某公司' },
        { consentVersion: 'v1', verifiedPhone: '13912345678' },
      ).workUnitName,
    ).toBeUndefined();
  });

  it('checks the optional ID number only when given', () => {
    expect(
      validateRegistration({ ...valid, idNumber: '' }, { consentVersion: 'v1', verifiedPhone: '13912345678' }).idNumber,
    ).toBeUndefined();
    expect(
      validateRegistration(
        { ...valid, idNumber: '110101199003071234' },
        { consentVersion: 'v1', verifiedPhone: '13912345678' },
      ).idNumber,
    ).toBe('身份证号格式不正确');
    expect(
      validateRegistration(
        { ...valid, idNumber: '11010519491231002X' },
        { consentVersion: 'v1', verifiedPhone: '13912345678' },
      ).idNumber,
    ).toBeUndefined();
  });

  it('limits skills', () => {
    const many = Array.from({ length: 11 }, (_, i) => `技能${i}`).join(' ');
    expect(
      validateRegistration({ ...valid, skillsText: many }, { consentVersion: 'v1', verifiedPhone: '13912345678' })
        .skillsText,
    ).toBe('技能特长最多填写10项');
  });

  it('builds the API request', () => {
    expect(toSubmitRequest({ ...valid, idNumber: '11010519491231002x' }, 'XF01', 'v1')).toEqual({
      communityCode: 'XF01',
      name: '李四',
      phone: '13912345678',
      idNumber: '11010519491231002X',
      workUnitId: 3,
      unitPartyOrgName: '市财政局机关党委',
      residenceDetail: '3栋2单元501',
      skills: ['法律咨询', '理发', '电脑维修'],
      freeTime: [{ weekday: Weekday.Sat, period: DayPeriod.Morning }],
      positionIds: [11],
      consentVersion: 'v1',
    });
    const typedUnit = toSubmitRequest({ ...valid, workUnitId: null, workUnitName: ' 某某公司 ' }, 'XF01', 'v1');
    expect(typedUnit.workUnitName).toBe('某某公司');
    expect(typedUnit).not.toHaveProperty('workUnitId');
  });
});

describe('other forms', () => {
  it('parses skills separated by Chinese or ASCII punctuation and spaces', () => {
    expect(parseSkills(' 理发，理发、维修;法律  ')).toEqual(['理发', '维修', '法律']);
  });

  it('validates login and signup', () => {
    expect(validateLogin({ phone: '138', password: '' })).toEqual({
      phone: '请输入正确的11位手机号',
      password: '请填写密码',
    });
    const signup = validateSignup({
      name: '王五',
      phone: '13800001111',
      password: 'abc',
      confirmPassword: 'abd',
      consent: false,
    });
    expect(signup.password).toBe('密码至少需要8位');
    expect(signup.confirmPassword).toBe('两次输入的密码不一致');
    expect(signup.consent).toBe('请阅读并同意隐私政策');
    expect(
      hasErrors(
        validateSignup({
          name: '王五',
          phone: '13800001111',
          password: 'Abcdef12',
          confirmPassword: 'Abcdef12',
          consent: true,
        }),
      ),
    ).toBe(false);
  });

  it('requires a reject reason', () => {
    expect(rejectReasonError('  ')).toBe('请填写不通过的原因');
    expect(rejectReasonError('住址不在本社区')).toBeUndefined();
  });
});
