import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SignupRequest } from '@sbd/contracts';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsCnMobile, IsNotBlank, IsStrongPassword } from '../../../platform/validation/decorators';

export class SignupDto implements SignupRequest {
  @ApiProperty({ example: '13912345678' })
  @IsCnMobile()
  phone: string;

  @ApiProperty({ description: '≥ 8 characters from at least 3 of: lower, upper, digit, symbol' })
  @IsStrongPassword()
  password: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @IsNotBlank()
  @MaxLength(50)
  name: string;

  @ApiPropertyOptional({ description: 'Community code from its QR code; makes the account a resident there' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: '社区编码格式不正确' })
  communityCode?: string;

  @ApiProperty({ description: 'The privacy notice version accepted on the form (GET /api/privacy-notice)' })
  @IsString({ message: '请阅读并同意隐私政策' })
  @IsNotBlank({ message: '请阅读并同意隐私政策' })
  @MaxLength(20, { message: '隐私政策版本无效' })
  consentVersion: string;
}
