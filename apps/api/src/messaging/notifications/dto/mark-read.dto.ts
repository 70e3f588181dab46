import { ApiPropertyOptional } from '@nestjs/swagger';
import type { MarkNotificationsReadRequest } from '@sbd/contracts';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional } from 'class-validator';

export class MarkReadDto implements MarkNotificationsReadRequest {
  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  ids?: number[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}
