import { ApiPropertyOptional } from '@nestjs/swagger';
import type { JoinCommunityRequest } from '@sbd/contracts';
import { IsInt, IsString, Matches, MaxLength, Min } from 'class-validator';
import { IsOptionalNotNull } from '../../../platform/validation/decorators';

/** Exactly one of the two (checked by the service, which names the field). */
export class JoinCommunityDto implements JoinCommunityRequest {
  @ApiPropertyOptional({ description: 'The community code on the poster', example: 'TAOYUAN' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(32)
  @Matches(/^[A-Za-z0-9_-]{2,32}$/, { message: '社区编码只能是字母、数字、下划线或短横线' })
  code?: string;

  @ApiPropertyOptional({ description: 'A community from GET /api/communities/nearby' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  communityId?: number;
}
