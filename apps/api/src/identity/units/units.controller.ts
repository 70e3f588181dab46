import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PairingDto, PairingItemDto } from '@sbd/contracts';
import { CurrentUser } from '../../platform/auth/decorators';
import type { Principal } from '../../platform/auth/principal';
import { IdParam } from '../../platform/validation/id-param';
import { CreatePairingItemDto } from './dto/create-pairing-item.dto';
import { CreatePairingDto } from './dto/create-pairing.dto';
import { ListItemsQuery } from './dto/list-items.query';
import { UpdatePairingItemDto } from './dto/update-pairing-item.dto';
import { UnitsService } from './units.service';

@ApiTags('units')
@ApiBearerAuth()
@Controller()
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Post('units/:id/pairings')
  @ApiOperation({ summary: 'The unit registers with a community it pairs with (结对共建)' })
  pair(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() dto: CreatePairingDto,
  ): Promise<PairingDto> {
    return this.units.createPairing(p, id, dto);
  }

  @Get('units/:id/pairings')
  @ApiOperation({ summary: 'The unit’s paired communities' })
  unitPairings(@CurrentUser() p: Principal, @Param('id', IdParam) id: number): Promise<PairingDto[]> {
    return this.units.listForUnit(p, id);
  }

  @Get('communities/:id/pairings')
  @ApiOperation({ summary: 'The units paired with a community' })
  communityPairings(@CurrentUser() p: Principal, @Param('id', IdParam) id: number): Promise<PairingDto[]> {
    return this.units.listForCommunity(p, id);
  }

  @Get('pairings/:id/items')
  @ApiOperation({ summary: 'The three lists of a pairing (需求清单、资源清单、项目清单)' })
  items(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: ListItemsQuery,
  ): Promise<PairingItemDto[]> {
    return this.units.items(p, id, q.listType);
  }

  @Post('pairings/:id/items')
  @ApiOperation({ summary: 'Add to a list: needs by the community, resources by the unit, projects by either' })
  addItem(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() dto: CreatePairingItemDto,
  ): Promise<PairingItemDto> {
    return this.units.createItem(p, id, dto);
  }

  @Patch('pairing-items/:id')
  @ApiOperation({ summary: 'Edit a list entry or mark it done' })
  updateItem(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Body() dto: UpdatePairingItemDto,
  ): Promise<PairingItemDto> {
    return this.units.updateItem(p, id, dto);
  }
}
