import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CheckinCodeDto, Page, TaskDto } from '@sbd/contracts';
import { CurrentUser } from '../../platform/auth/decorators';
import { WithPrincipal } from '../../platform/auth/principal-companion';
import type { Principal } from '../../platform/auth/principal';
import { IdParam } from '../../platform/validation/id-param';
import { NoteDto } from '../../platform/validation/note.dto';
import { ReadsMayLag } from '../../platform/database/replica/reads-may-lag';
import { SendsSerializedJson, type SerializedJson } from '../../platform/http/serialized-json';
import { CancelTaskDto } from './dto/cancel-task.dto';
import { CreateTaskDto } from './dto/create-task.dto';
import { ListTasksQuery, TaskFeedQuery } from './dto/list-tasks.query';
import { FeedCompanion } from './feed-companion';
import { FeedService } from './feed.service';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller()
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly feedService: FeedService,
  ) {}

  @Post('tasks')
  @ApiOperation({ summary: '下单: publish a task (or save a draft) from zero or more accepted needs' })
  create(@CurrentUser() p: Principal, @Body() dto: CreateTaskDto): Promise<TaskDto> {
    return this.tasks.create(p, dto);
  }

  @Get('tasks/feed')
  @ReadsMayLag()
  @WithPrincipal(FeedCompanion)
  @SendsSerializedJson()
  @ApiOperation({ summary: 'Open tasks for a member: own community first, then the street (keyset)' })
  feed(@CurrentUser() p: Principal, @Query() q: TaskFeedQuery): Promise<SerializedJson<Page<TaskDto>>> {
    return this.feedService.feed(p, q);
  }

  @Get('communities/:id/tasks')
  @ReadsMayLag()
  @ApiOperation({ summary: 'A community’s tasks (staff), newest first' })
  list(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: ListTasksQuery,
  ): Promise<Page<TaskDto>> {
    return this.tasks.listForCommunity(p, id, q);
  }

  @Get('tasks/:id')
  @ApiOperation({ summary: 'One task, with the caller’s own claim' })
  get(@CurrentUser() p: Principal, @Param('id', IdParam) id: number): Promise<TaskDto> {
    return this.tasks.get(p, id);
  }

  @Post('tasks/:id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a draft' })
  publish(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Body() _body: NoteDto): Promise<TaskDto> {
    return this.tasks.publish(p, id);
  }

  @Post('tasks/:id/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark in progress (also happens at the first check-in)' })
  start(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Body() _body: NoteDto): Promise<TaskDto> {
    return this.tasks.start(p, id);
  }

  @Post('tasks/:id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete: linked needs fulfilled, members who never checked in marked no-show' })
  complete(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Body() _body: NoteDto): Promise<TaskDto> {
    return this.tasks.complete(p, id);
  }

  @Post('tasks/:id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a completed task' })
  close(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Body() _body: NoteDto): Promise<TaskDto> {
    return this.tasks.close(p, id);
  }

  @Post('tasks/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel with a reason; everyone who claimed is told' })
  cancel(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Body() dto: CancelTaskDto): Promise<TaskDto> {
    return this.tasks.cancel(p, id, dto.reason);
  }

  @Get('tasks/:id/checkin-code')
  @ApiOperation({ summary: 'The rotating check-in code for the organiser’s screen (30 s)' })
  checkinCode(@CurrentUser() p: Principal, @Param('id', IdParam) id: number): Promise<CheckinCodeDto> {
    return this.tasks.checkinCode(p, id);
  }
}
