import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MeNextDto } from '@sbd/contracts';
import { CurrentUser } from '../../platform/auth/decorators';
import type { Principal } from '../../platform/auth/principal';
import { NextService } from './next.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller()
export class NextController {
  constructor(private readonly next: NextService) {}

  @Get('me/next')
  @ApiOperation({
    summary: 'What comes next for the caller: next service, what waits for their confirmation, 报到 status, 待分拣 N',
  })
  mine(@CurrentUser() p: Principal): Promise<MeNextDto> {
    return this.next.next(p);
  }
}
