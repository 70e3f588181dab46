import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PiiRevealDto } from '@sbd/contracts';
import { CurrentUser } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { RevealPiiDto } from './dto/reveal-pii.dto';
import { PiiRevealService } from './pii-reveal.service';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('pii-reveals')
export class PiiRevealsController {
  constructor(private readonly reveals: PiiRevealService) {}

  @Post()
  @ApiOperation({
    summary: '查看完整号码: a full phone or ID number, with a reason, for staff whose scope covers the record; audited',
  })
  reveal(@CurrentUser() p: Principal, @Body() dto: RevealPiiDto): Promise<PiiRevealDto> {
    return this.reveals.reveal(p, dto);
  }
}
