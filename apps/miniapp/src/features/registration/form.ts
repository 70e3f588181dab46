import type { FreeTimeSlot, SubmitRegistrationRequest } from '@sbd/contracts';
import { isCnIdNumber } from '@sbd/domain';
import { nameError, parseSkills, phoneError, skillsError, type FormErrors } from '@/platform/validation';

/** The 报到 form (checks and the request) and the reviewer's reject reason. */

export interface RegistrationForm {
  name: string;
  phone: string;
  idNumber: string;
  /** A work unit of the directory (its name in workUnitName), or null with workUnitName typed by hand. */
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
  ctx: { consentVersion: string | null; verifiedPhone: string | null },
): FormErrors<RegistrationField> {
  const idNumber = form.idNumber.trim();
  return {
    name: nameError(form.name),
    phone:
      phoneError(form.phone) ??
      (ctx.verifiedPhone === form.phone.trim() ? undefined : '请先验证手机号（报到需使用本人验证过的手机号）'),
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

export function toSubmitRequest(
  form: RegistrationForm,
  communityCode: string,
  consentVersion: string,
): SubmitRegistrationRequest {
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
