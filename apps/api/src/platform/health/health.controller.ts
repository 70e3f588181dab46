import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { LifecycleService } from '../lifecycle/lifecycle.service';
import { ReadRouting } from '../database/replica/read-routing.service';

/**
 * Readiness answers within a second either way: a ping not back within 700 ms counts as down,
 * which leaves room for a busy event loop and the network (once 800 ms gave a 1,063 ms answer).
 */
const READY_PING_MS = 700;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  /** One ping at a time: probes during an outage share it instead of piling up on the pool. */
  private ping: Promise<boolean> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly lifecycle: LifecycleService,
    private readonly routing: ReadRouting,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'The database answers within 700 ms and the process is not shutting down',
    description:
      'With a read replica the body also says how it was found last (`replica`: up, lagging, down or unknown, and `replicaLagMs`); ' +
      'a replica that is down or behind does not make the process unready, since reads then go to the primary.',
  })
  async ready(@Res() res: Response): Promise<void> {
    if (this.lifecycle.draining) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE).json({ status: 'draining', database: 'unknown' });
      return;
    }
    this.ping ??= this.db
      .query('SELECT 1')
      .then(
        () => true,
        () => false,
      )
      .finally(() => (this.ping = null));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), READY_PING_MS)));
    const up = await Promise.race([this.ping, late]);
    clearTimeout(timer);
    const replica = this.routing.status();
    const extra = replica ? { replica: replica.state, replicaLagMs: replica.lagMs } : {};
    if (up && !this.lifecycle.draining) res.status(HttpStatus.OK).json({ status: 'ok', database: 'up', ...extra });
    else if (up) res.status(HttpStatus.SERVICE_UNAVAILABLE).json({ status: 'draining', database: 'up', ...extra });
    else res.status(HttpStatus.SERVICE_UNAVAILABLE).json({ status: 'error', database: 'down', ...extra });
  }
}
