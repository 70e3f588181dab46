import type { SignupRequest } from '@sbd/contracts';
import { passwordPolicyViolation } from '@sbd/domain';
import { nameError, phoneError, type FormErrors } from '@/platform/validation';

/** Login and sign-up forms: checks and the request. */

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

/** The request, with the version of the privacy notice the person accepted on the form. */
export function toSignupRequest(
  form: SignupForm,
  consentVersion: string,
  communityCode?: string | null,
): SignupRequest {
  return {
    name: form.name.trim(),
    phone: form.phone.trim(),
    password: form.password,
    ...(communityCode ? { communityCode } : {}),
    consentVersion,
  };
}
