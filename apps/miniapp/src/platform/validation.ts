import {
  MAX_SKILL_LENGTH,
  MAX_SKILLS,
  type FreeTimeSlot,
  type SignupRequest,
  type SubmitRegistrationRequest,
} from '@sbd/contracts';
import { isCnIdNumber, isCnMobile, passwordPolicyViolation } from '@sbd/domain';

export type FormErrors<K extends string> = Partial<Record<K, string>>;

export function hasErrors(errors: Record<string, string | undefined>): boolean {
  return Object.values(errors).some(Boolean);
}

export function phoneError(phone: string): string | undefined {
  const v = phone.trim();
  if (!v) return '请填写手机号';
  if (!isCnMobile(v)) return '请输入正确的11位手机号';
  return undefined;
}

export function nameError(name: string): string | undefined {
  const v = name.trim();
  if (!v) return '请填写姓名';
  if (Array.from(v).length < 2 || Array.from(v).length > 20) return '姓名应为2至20个字';
  return undefined;
}

/** Splits "法律咨询，理发、 维修" into distinct skills. */
export function parseSkills(text: string): string[] {
  const parts = text
    .split(/[,，、;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return Array.from(new Set(parts));
}

export function skillsError(skills: string[]): string | undefined {
  if (skills.length > MAX_SKILLS) return `技能特长最多填写${MAX_SKILLS}项`;
  const long = skills.find((s) => Array.from(s).length > MAX_SKILL_LENGTH);
  if (long) return `每项技能不超过${MAX_SKILL_LENGTH}个字：${long}`;
  return undefined;
}

// ---------- login / signup ----------

export interface LoginForm {
  phone: string;
  password: string;
}

export function validateLogin(form: LoginForm): FormErrors<keyof LoginForm> {
  return {
    phone: phoneError(form.phone),
    password: form.password ? undefined : '请填写密码',
  };
}

export interface SignupForm {
  name: string;
  phone: string;
  password: string;
  confirmPassword: string;
  consent: boolean;
}

export function validateSignup(form: SignupForm): FormErrors<keyof SignupForm> {
  return {
    name: nameError(form.name),
    phone: phoneError(form.phone),
    password: form.password ? (passwordPolicyViolation(form.password) ?? undefined) : '请设置密码',
    confirmPassword: form.confirmPassword === form.password ? undefined : '两次输入的密码不一致',
    consent: form.consent ? undefined : '请阅读并同意隐私政策',
  };
}

export function toSignupRequest(form: SignupForm, communityCode?: string | null): SignupRequest {
  return {
    name: form.name.trim(),
    phone: form.phone.trim(),
    password: form.password,
    ...(communityCode ? { communityCode } : {}),
  };
}

// ---------- registration (报到) ----------

export interface RegistrationForm {
  name: string;
  phone: string;
  idNumber: string;
  /** A listed work unit, or null with workUnitName filled in. */
  workUnitId: number | null;
  workUnitName: string;
  unitPartyOrgName: string;
  buildingId: number | null;
  residenceDetail: string;
  skillsText: string;
  freeTime: FreeTimeSlot[];
  positionIds: number[];
  consent: boolean;
}

export type RegistrationField = keyof RegistrationForm;

export function emptyRegistrationForm(init: Partial<RegistrationForm> = {}): RegistrationForm {
  return {
    name: '',
    phone: '',
    idNumber: '',
    workUnitId: null,
    workUnitName: '',
    unitPartyOrgName: '',
    buildingId: null,
    residenceDetail: '',
    skillsText: '',
    freeTime: [],
    positionIds: [],
    consent: false,
    ...init,
  };
}

export function validateRegistration(
  form: RegistrationForm,
  ctx: { consentVersion: string | null },
): FormErrors<RegistrationField> {
  const idNumber = form.idNumber.trim();
  return {
    name: nameError(form.name),
    phone: phoneError(form.phone),
    idNumber: idNumber && !isCnIdNumber(idNumber) ? '身份证号格式不正确' : undefined,
    workUnitName: form.workUnitId || form.workUnitName.trim() ? undefined : '请选择或填写工作单位',
    unitPartyOrgName: form.unitPartyOrgName.trim() ? undefined : '请填写所在单位党组织',
    residenceDetail: form.residenceDetail.trim() ? undefined : '请填写居住地址，如：3栋2单元501',
    skillsText: skillsError(parseSkills(form.skillsText)),
    consent: !ctx.consentVersion
      ? '隐私政策未能加载，请稍后重试'
      : form.consent
        ? undefined
        : '请阅读并同意隐私政策后再提交',
  };
}

export function toSubmitRequest(form: RegistrationForm, communityCode: string, consentVersion: string): SubmitRegistrationRequest {
  const idNumber = form.idNumber.trim().toUpperCase();
  return {
    communityCode,
    name: form.name.trim(),
    phone: form.phone.trim(),
    ...(idNumber ? { idNumber } : {}),
    ...(form.workUnitId ? { workUnitId: form.workUnitId } : { workUnitName: form.workUnitName.trim() }),
    unitPartyOrgName: form.unitPartyOrgName.trim(),
    ...(form.buildingId ? { buildingId: form.buildingId } : {}),
    residenceDetail: form.residenceDetail.trim(),
    skills: parseSkills(form.skillsText),
    freeTime: form.freeTime,
    positionIds: form.positionIds,
    consentVersion,
  };
}

// ---------- review (审核) ----------

export function rejectReasonError(reason: string): string | undefined {
  const v = reason.trim();
  if (!v) return '请填写不通过的原因';
  if (Array.from(v).length > 200) return '原因不超过200个字';
  return undefined;
}
