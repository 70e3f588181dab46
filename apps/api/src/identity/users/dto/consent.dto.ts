import { ApiProperty } from '@nestjs/swagger';
import type { ConsentRequest } from '@sbd/contracts';
import { IsString, MaxLength } from 'class-validator';

export class ConsentDto implements ConsentRequest {
  @ApiProperty({ example: '2026-11' })
  @IsString()
  @MaxLength(20)
  version: string;
}
