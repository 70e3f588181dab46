import { FIELD_LABELS } from '@sbd/contracts';
import { isCnIdNumber, isCnMobile, passwordPolicyViolation } from '@sbd/domain';
import { applyDecorators } from '@nestjs/common';
import {
  IsLatitude,
  IsLongitude,
  IsNumber,
  registerDecorator,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';

export function IsCnMobile(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCnMobile',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '请输入11位有效的手机号', ...options },
      validator: { validate: (v: unknown) => isCnMobile(v) },
    });
}

export function IsCnIdNumber(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCnIdNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '请输入有效的18位身份证号', ...options },
      validator: { validate: (v: unknown) => isCnIdNumber(v) },
    });
}

export function IsStrongPassword(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isStrongPassword',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (a) => passwordPolicyViolation(a.value) ?? '密码不符合要求', ...options },
      validator: { validate: (v: unknown) => passwordPolicyViolation(v) === null },
    });
}

/** Text that is not only whitespace; trims in place first. */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotBlank',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (v: unknown) => typeof v === 'string' && v.trim().length > 0,
        defaultMessage: (a) => `${a?.property ? labelOf(a.property) : '内容'}不能为空`,
      },
    });
}

const labelOf = (p: string) => FIELD_LABELS[p] ?? p;

/**
 * Optional, but not nullable: `undefined` skips validation, `null` is validated (and refused)
 * like any other wrong value. Use it for fields whose column is NOT NULL, and for ids, where
 * a null would otherwise be dropped from a look-up and match an arbitrary row.
 */
export function IsOptionalNotNull(): PropertyDecorator {
  return ValidateIf((_: unknown, v: unknown) => v !== undefined);
}

/** A latitude: a number in [-90, 90]. */
export const Latitude = (): PropertyDecorator =>
  applyDecorators(IsNumber({}, { message: '纬度必须是数字' }), IsLatitude());

/** A longitude: a number in [-180, 180]. */
export const Longitude = (): PropertyDecorator =>
  applyDecorators(IsNumber({}, { message: '经度必须是数字' }), IsLongitude());
