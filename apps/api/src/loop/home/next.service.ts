import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ClaimStatus, NeedStatus, OrgNodeType, Role, type MeNextDto, type NextServiceDto } from '@sbd/contracts';
import { checkInOpensAt } from '@sbd/domain';
import { DataSource, In } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { registrationReader } from '../../identity';
import { orgNodeReader } from '../../org';
import { ClaimEntity } from '../claims/entities/claim.entity';
import { NeedEntity } from '../needs/entities/need.entity';
import { taskReader } from '../loop-read';

/** Roles that tie a person to a community they live in, serve in or run. */
const COMMUNITY_ROLES: readonly Role[] = [Role.Resident, Role.Member, Role.CommunityAdmin];
const WAITING_FOR_TRIAGE = [NeedStatus.Held, NeedStatus.Submitted];

/**
 * GET /api/me/next: the few facts the home page needs, each read only for a role the caller holds
 * and only about the caller (their claims, their needs, their registration) or the community they
 * administer. Domain `nextStepFor` turns it into one sentence.
 */
@Injectable()
export class NextService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async next(p: Principal): Promise<MeNextDto> {
    const has = (...roles: Role[]) => p.roles.some((r) => roles.includes(r.role));
    const member = has(Role.Member, Role.BranchSecretary);
    const staffOf = p.roles.find((r) => r.role === Role.CommunityAdmin && r.scopeNodeId !== null);
    const [registration, claims, needToRate, triage] = await Promise.all([
      this.registration(p.userId),
      member ? this.claims(p.userId) : { nextService: null, claimToConfirm: null },
      this.needToRate(p.userId),
      staffOf ? this.triage(staffOf.scopeNodeId as number) : null,
    ]);
    return {
      registration,
      ...claims,
      needToRate,
      triage,
      hasCommunity: !!p.home || p.roles.some((r) => COMMUNITY_ROLES.includes(r.role) && r.scopeNodeId !== null),
    };
  }

  private async registration(userId: number): Promise<MeNextDto['registration']> {
    const reg = await registrationReader(this.db).findOne({ where: { userId }, order: { id: 'DESC' } });
    if (!reg) return null;
    const community = await orgNodeReader(this.db).findOneBy({ id: reg.communityId });
    return { status: reg.status, communityName: community?.name ?? '社区' };
  }

  /** A member's live claims are few: read them and choose here. */
  private async claims(userId: number): Promise<Pick<MeNextDto, 'nextService' | 'claimToConfirm'>> {
    const now = new Date();
    const live = await this.db.getRepository(ClaimEntity).find({
      where: { memberUserId: userId, status: In([ClaimStatus.Claimed, ClaimStatus.CheckedIn]) },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
    const holding = (c: ClaimEntity) => c.status === ClaimStatus.Claimed && !!c.holdExpiresAt;
    const toConfirm = live.find((c) => holding(c) && (c.holdExpiresAt as Date) > now);
    const next = live.find(
      (c) => !holding(c) && (c.status === ClaimStatus.CheckedIn || c.endsAt.getTime() > now.getTime()),
    );
    const ids = [toConfirm?.taskId, next?.taskId].filter((id): id is number => id !== undefined);
    const tasks = ids.length ? await taskReader(this.db).findBy({ id: In(ids) }) : [];
    const task = (id: number) => tasks.find((t) => t.id === id);
    const early = this.config.attendance.checkinEarlyMinutes;
    const nextService: NextServiceDto | null = next
      ? {
          claimId: next.id,
          taskId: next.taskId,
          title: task(next.taskId)?.title ?? '',
          place: task(next.taskId)?.place ?? '',
          startAt: next.startsAt.toISOString(),
          endAt: next.endsAt.toISOString(),
          status: next.status,
          checkInOpensAt: new Date(checkInOpensAt(next.startsAt, early)).toISOString(),
        }
      : null;
    const claimToConfirm = toConfirm
      ? {
          claimId: toConfirm.id,
          taskId: toConfirm.taskId,
          title: task(toConfirm.taskId)?.title ?? '',
          holdExpiresAt: (toConfirm.holdExpiresAt as Date).toISOString(),
        }
      : null;
    return { nextService, claimToConfirm };
  }

  private async needToRate(userId: number): Promise<MeNextDto['needToRate']> {
    const repo = this.db.getRepository(NeedEntity);
    const where = { residentUserId: userId, status: NeedStatus.Fulfilled };
    const [oldest, count] = await Promise.all([
      repo.findOne({ where, order: { fulfilledAt: 'ASC', id: 'ASC' } }),
      repo.countBy(where),
    ]);
    return oldest ? { needId: oldest.id, title: oldest.title, count } : null;
  }

  private async triage(communityId: number): Promise<MeNextDto['triage']> {
    const community = await orgNodeReader(this.db).findOneBy({ id: communityId, type: OrgNodeType.Community });
    if (!community) return null;
    const waiting = await this.db.getRepository(NeedEntity).countBy({ communityId, status: In(WAITING_FOR_TRIAGE) });
    return { communityId, communityName: community.name, waiting };
  }
}
