import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { RankingScope, type PointsRankingQuery } from '@sbd/contracts';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';

export class RankingQuery implements PointsRankingQuery {
  @ApiProperty({ enum: RankingScope })
  @IsEnum(RankingScope)
  scope: RankingScope;

  @ApiPropertyOptional({ description: 'Community (members of it), or a street/district (communities in it)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  communityId?: number;

  @ApiPropertyOptional({ description: 'Unit (members of it), or a district (units in it)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  unitId?: number;

  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
