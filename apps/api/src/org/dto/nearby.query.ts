import { ApiPropertyOptional } from '@nestjs/swagger';
import type { NearbyCommunitiesQuery } from '@sbd/contracts';
import { Type } from 'class-transformer';
import { IsDefined, ValidateIf } from 'class-validator';
import { Latitude, Longitude } from '../../platform/validation/decorators';

/** Both or neither: a point alone in one axis is a mistake, not a wish for the list by name. */
export class NearbyCommunitiesDto implements NearbyCommunitiesQuery {
  @ApiPropertyOptional({ example: 32.0123 })
  @ValidateIf((o: NearbyCommunitiesDto) => o.lat !== undefined || o.lng !== undefined)
  @IsDefined({ message: '请同时提供纬度和经度' })
  @Type(() => Number)
  @Latitude()
  lat?: number;

  @ApiPropertyOptional({ example: 120.8642 })
  @ValidateIf((o: NearbyCommunitiesDto) => o.lat !== undefined || o.lng !== undefined)
  @IsDefined({ message: '请同时提供纬度和经度' })
  @Type(() => Number)
  @Longitude()
  lng?: number;
}
