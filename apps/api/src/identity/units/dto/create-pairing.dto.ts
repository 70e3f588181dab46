import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreatePairingRequest } from '@sbd/contracts';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

export class CreatePairingDto implements CreatePairingRequest {
  @ApiProperty()
  @IsInt()
  @Min(1)
  communityId: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}
