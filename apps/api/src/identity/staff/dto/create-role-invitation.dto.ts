import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role, type CreateRoleInvitationRequest } from '@sbd/contracts';
import { IsEnum, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { IsDateTime } from '../../../platform/validation/date-time';
import { IsCnMobile, IsOptionalNotNull } from '../../../platform/validation/decorators';

export class CreateRoleInvitationDto implements CreateRoleInvitationRequest {
  @ApiProperty({ example: '13912345678' })
  @IsCnMobile()
  phone: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role, { message: '角色不正确' })
  role: Role;

  @ApiPropertyOptional({ description: 'The node the role is held over; omitted only for a platform admin' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  nodeId?: number;

  @ApiPropertyOptional({ example: '2029-12-31T16:00:00.000Z' })
  @IsOptionalNotNull()
  @IsDateTime()
  termEndsAt?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}
