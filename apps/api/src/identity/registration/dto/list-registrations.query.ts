import { ApiPropertyOptional } from '@nestjs/swagger';
import { RegistrationStatus, type RegistrationListQuery } from '@sbd/contracts';
import { IsEnum, IsOptional } from 'class-validator';
import { IdPageQuery } from '../../../platform/validation/id-page.query';

export class ListRegistrationsQuery extends IdPageQuery implements RegistrationListQuery {
  @ApiPropertyOptional({ enum: RegistrationStatus })
  @IsOptional()
  @IsEnum(RegistrationStatus)
  status?: RegistrationStatus;
}
