import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PII_REVEAL_REASON_MAX, PiiField, PiiObjectType, type PiiRevealRequest } from '@sbd/contracts';
import { IsEnum, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { IsNotBlank } from '../../validation/decorators';

const REASON_REQUIRED = '请填写查看完整号码的原因';

/** Why a full number is wanted: required text, at most PII_REVEAL_REASON_MAX characters. */
export function RevealReason(): PropertyDecorator {
  return applyDecorators(
    IsString({ message: REASON_REQUIRED }),
    IsNotBlank({ message: REASON_REQUIRED }),
    MaxLength(PII_REVEAL_REASON_MAX, { message: `原因不能超过${PII_REVEAL_REASON_MAX}个字` }),
  );
}

export class RevealPiiDto implements PiiRevealRequest {
  @ApiProperty({ enum: PiiObjectType })
  @IsEnum(PiiObjectType, { message: '请选择要查看号码的记录类型' })
  objectType: PiiObjectType;

  @ApiProperty()
  @IsInt({ message: '请选择要查看号码的记录' })
  @Min(1, { message: '请选择要查看号码的记录' })
  objectId: number;

  @ApiProperty({ enum: PiiField })
  @IsEnum(PiiField, { message: '请选择要查看的号码' })
  field: PiiField;

  @ApiPropertyOptional({ description: 'For a call-up: the member whose phone is wanted' })
  @IsOptional()
  @IsInt({ message: '请选择召集中的党员' })
  @Min(1, { message: '请选择召集中的党员' })
  memberUserId?: number;

  @ApiProperty({ maxLength: PII_REVEAL_REASON_MAX, example: '电话回访需求进展' })
  @RevealReason()
  reason: string;
}
