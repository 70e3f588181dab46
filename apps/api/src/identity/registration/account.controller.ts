import { Controller, Delete, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../platform/auth/decorators';
import type { Principal } from '../../platform/auth/principal';
import { AccountService } from './account.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller()
export class AccountController {
  constructor(private readonly account: AccountService) {}

  @Delete('me')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the account: personal data anonymised, service history kept' })
  remove(@CurrentUser() p: Principal): Promise<void> {
    return this.account.deleteAccount(p);
  }
}
