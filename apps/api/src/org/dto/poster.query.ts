import { ApiPropertyOptional } from '@nestjs/swagger';
import { PosterKind, type PosterQuery } from '@sbd/contracts';
import { IsEnum, IsOptional } from 'class-validator';

export class PosterQueryDto implements PosterQuery {
  @ApiPropertyOptional({
    enum: PosterKind,
    description: 'wxacode (default): the mini-program code; url: a QR of the H5 address, labelled 网页版',
  })
  @IsOptional()
  @IsEnum(PosterKind, { message: '海报类型只能是 wxacode（小程序码）或 url（网页版二维码）' })
  kind?: PosterKind;
}
