import { ApiPropertyOptional } from '@nestjs/swagger';
import type { ApproveRegistrationRequest } from '@sbd/contracts';
import { IsInt, Min } from 'class-validator';
import { IsOptionalNotNull } from '../../../platform/validation/decorators';

export class ApproveRegistrationDto implements ApproveRegistrationRequest {
  @ApiPropertyOptional({ description: 'Functional branch (功能型党支部) of the community' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  branchId?: number;

  @ApiPropertyOptional({ description: 'Party group (党小组)' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  groupId?: number;

  @ApiPropertyOptional({ description: 'Grid (网格)' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  gridId?: number;
}
