import { MAX_SKILL_LENGTH, MAX_SKILLS } from '@sbd/contracts';
import { isCnMobile } from '@sbd/domain';

/** Generic form checks; each feature's own form rules live in its features/<x>/form.ts. */

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
