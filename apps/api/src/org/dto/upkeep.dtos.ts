import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CloseOrgNodeRequest, MoveOrgNodeRequest, WorkUnitSearchQuery } from '@sbd/contracts';
import { IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { IdPageQuery } from '../../platform/validation/id-page.query';

export class MoveOrgNodeDto implements MoveOrgNodeRequest {
  @ApiProperty({
    description: 'The new parent: a district for a street or unit, a street for a community, a community for a grid',
  })
  @IsInt()
  @Min(1)
  parentId: number;
}

export class CloseOrgNodeDto implements CloseOrgNodeRequest {
  @ApiPropertyOptional({ maxLength: 200, example: '区划调整，并入幸福社区' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

export class WorkUnitSearchDto extends IdPageQuery implements WorkUnitSearchQuery {
  @ApiProperty({ minLength: 2, maxLength: 50, example: '税务' })
  @IsString()
  @MinLength(2, { message: '请至少输入2个字' })
  @MaxLength(50)
  q: string;
}
