import { ApiProperty } from '@nestjs/swagger';
import type { LinkWorkUnitRequest } from '@sbd/contracts';
import { IsInt, Min } from 'class-validator';

export class LinkWorkUnitDto implements LinkWorkUnitRequest {
  @ApiProperty({ description: 'The work unit of the org tree the hand-typed name means' })
  @IsInt()
  @Min(1)
  workUnitId: number;
}
