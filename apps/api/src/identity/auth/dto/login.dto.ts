import { ApiProperty } from '@nestjs/swagger';
import type { LoginRequest } from '@sbd/contracts';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsCnMobile } from '../../../platform/validation/decorators';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: '13800000004' })
  @IsCnMobile()
  phone: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  password: string;
}
