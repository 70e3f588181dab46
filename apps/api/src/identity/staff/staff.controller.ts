import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { NodeStaffDto, RoleInvitationDto } from '@sbd/contracts';
import { CurrentUser } from '../../platform/auth/decorators';
import type { Principal } from '../../platform/auth/principal';
import { IdParam } from '../../platform/validation/id-param';
import { NoteDto } from '../../platform/validation/note.dto';
import { CreateRoleInvitationDto } from './dto/create-role-invitation.dto';
import { StaffService } from './staff.service';

@ApiTags('staff')
@ApiBearerAuth()
@Controller()
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Post('role-invitations')
  @ApiOperation({ summary: 'Appoint (任命): offer a staff role over a node to a phone number' })
  invite(@CurrentUser() p: Principal, @Body() dto: CreateRoleInvitationDto): Promise<RoleInvitationDto> {
    return this.staff.invite(p, dto);
  }

  @Get('role-invitations')
  @ApiOperation({ summary: 'The caller’s pending invitations, to the phones they proved' })
  mine(@CurrentUser() p: Principal): Promise<RoleInvitationDto[]> {
    return this.staff.mine(p);
  }

  @Post('role-invitations/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invitation: the role is granted at once' })
  accept(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() _body: NoteDto,
  ): Promise<RoleInvitationDto> {
    return this.staff.answer(p, id, true);
  }

  @Post('role-invitations/:id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline an invitation' })
  decline(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() _body: NoteDto,
  ): Promise<RoleInvitationDto> {
    return this.staff.answer(p, id, false);
  }

  @Post('role-invitations/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a pending invitation (撤销), e.g. one sent to a wrong number' })
  cancel(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() _body: NoteDto,
  ): Promise<RoleInvitationDto> {
    return this.staff.cancel(p, id);
  }

  @Get('nodes/:id/staff')
  @ApiOperation({ summary: 'Staff of a node and its pending invitations, for admins whose scope covers it' })
  ofNode(@CurrentUser() p: Principal, @Param('id', IdParam) id: number): Promise<NodeStaffDto> {
    return this.staff.ofNode(p, id);
  }

  @Delete('role-grants/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a staff role; the last admin of a node cannot be removed' })
  revoke(@CurrentUser() p: Principal, @Param('id', IdParam) id: number): Promise<void> {
    return this.staff.revoke(p, id);
  }
}
