import { ApiProperty } from '@nestjs/swagger';
import { MANUAL_ADJUSTMENT_MAX, type AdjustPointsRequest } from '@sbd/contracts';
import { IsInt, IsString, Max, MaxLength, Min, NotEquals } from 'class-validator';
import { IsNotBlank } from '../../../platform/validation/decorators';

export class AdjustPointsDto implements AdjustPointsRequest {
  @ApiProperty()
  @IsInt()
  @Min(1)
  userId: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  communityId: number;

  @ApiProperty({ example: 5 })
  @IsInt()
  @NotEquals(0, { message: '调整分值不能为0' })
  @Min(-MANUAL_ADJUSTMENT_MAX)
  @Max(MANUAL_ADJUSTMENT_MAX)
  delta: number;

  @ApiProperty({ example: '协助组织重阳节活动' })
  @IsString()
  @IsNotBlank({ message: '请填写调整原因' })
  @MaxLength(200)
  note: string;
}
