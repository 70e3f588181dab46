import { ApiProperty } from '@nestjs/swagger';
import type { RefreshRequest } from '@sbd/contracts';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class RefreshDto implements RefreshRequest {
  @ApiProperty()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  refreshToken: string;
}
