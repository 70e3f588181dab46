import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OrgNodeType, type CreateOrgNodeRequest } from '@sbd/contracts';
import { IsEnum, IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { IsNotBlank, Latitude, Longitude } from '../../platform/validation/decorators';

export class CreateOrgNodeDto implements CreateOrgNodeRequest {
  @ApiProperty({ enum: OrgNodeType })
  @IsEnum(OrgNodeType)
  type: OrgNodeType;

  @ApiProperty({ example: '幸福社区' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  parentId?: number;

  @ApiPropertyOptional({ description: 'Community code used in QR codes; generated when omitted' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{3,32}$/, { message: '编码只能包含字母、数字、下划线和短横线，长度3到32位' })
  code?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Latitude()
  latitude?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Longitude()
  longitude?: number;
}
