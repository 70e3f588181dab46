import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditAction,
  AuditObjectType,
  Role,
  RosterMatchDecision,
  RosterMatchStatus,
  type RosterDecisionBody,
  type RosterDecisionResult,
} from '@sbd/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import type { Principal } from '../../platform/auth/principal';
import { toDbDate, transaction } from '../../platform/database/sql';
import { badRequest, notFound } from '../../platform/errors/app-errors';
import { registrationOnRosterSql } from '../shared/roster-match-sql';
import { classifyEntries, outcomeOf, type EntryKey, type RegKey } from './roster-review';
import { RostersService } from './rosters.service';

/** Who may confirm or reject a 待核对 pairing: the unit's admins and the district above (as roster reads). */
export const ROSTER_DECIDERS = [Role.UnitAdmin, Role.DistrictAdmin];

/**
 * 名册待核对: unit staff confirm (counts as matched: 报到率, member records, unit-confirmed) or
 * reject a pairing of a roster entry with a registered member that the tolerant rule proposed.
 * The decision is kept per unit, phone hash and name, so it survives re-uploads of the roster.
 */
@Injectable()
export class RosterDecisionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rosters: RostersService,
    private readonly audit: AuditService,
  ) {}

  async decide(p: Principal, unitId: number, entryId: number, body: RosterDecisionBody): Promise<RosterDecisionResult> {
    await this.rosters.unit(p, unitId, ROSTER_DECIDERS, '只有本单位及上级的管理员可以核对名册');
    const { entry, candidate } = await this.pair(unitId, entryId, body.registrationId);
    if (body.decision === RosterMatchDecision.Confirmed) {
      const current = (await classifyEntries(this.db, unitId, [entry])).get(entryId)?.registration;
      if (current && current.id !== candidate.id)
        throw badRequest('该名册条目已与其他报到记录匹配，无需再核对', 'registrationId');
    }
    const now = new Date();
    await transaction(this.db, async (m) => {
      await m.query(
        'DELETE FROM roster_match_decisions WHERE unit_id = ? AND phone_hash = ? AND name = ? AND registration_id = ?',
        [unitId, entry.phoneHash, entry.name, candidate.id],
      );
      await m.query(
        `INSERT INTO roster_match_decisions (unit_id, phone_hash, name, registration_id, decision, decided_by_id, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [unitId, entry.phoneHash, entry.name, candidate.id, body.decision, p.userId, toDbDate(now)],
      );
      await m.query(
        `UPDATE registrations SET unit_confirmed = CASE WHEN ${registrationOnRosterSql('registrations')} THEN 1 ELSE 0 END,
                updated_at = ? WHERE id = ?`,
        [toDbDate(now), candidate.id],
      );
      // The statistics roll-up refreshes a unit whose roster changed.
      await m.query('UPDATE unit_rosters SET updated_at = ? WHERE unit_id = ?', [toDbDate(now), unitId]);
      await this.audit.record(
        {
          actor: p,
          actorRoles: ROSTER_DECIDERS,
          nodeId: unitId,
          action:
            body.decision === RosterMatchDecision.Confirmed
              ? AuditAction.RosterMatchConfirm
              : AuditAction.RosterMatchReject,
          objectType: AuditObjectType.RosterEntry,
          objectId: entryId,
          detail: { registrationId: candidate.id, userId: candidate.userId, decision: body.decision },
        },
        m,
      );
    });
    const match = (await classifyEntries(this.db, unitId, [entry])).get(entryId);
    return {
      rosterEntryId: entryId,
      registrationId: candidate.id,
      decision: body.decision,
      matchStatus: match?.status ?? RosterMatchStatus.Unmatched,
    };
  }

  /** The entry and the registration of a 待核对 pairing; 404 without the entry, 400 unless the rule proposes the pair. */
  private async pair(
    unitId: number,
    entryId: number,
    registrationId: number,
  ): Promise<{ entry: EntryKey; candidate: RegKey }> {
    const [row]: Record<string, unknown>[] = await this.db.query(
      'SELECT id, name, phone_hash, id_number_hash FROM unit_roster_entries WHERE id = ? AND unit_id = ?',
      [entryId, unitId],
    );
    if (!row) throw notFound('名册中没有该条目，请刷新后重试');
    const entry: EntryKey = {
      id: entryId,
      unitId,
      name: String(row.name),
      phoneHash: String(row.phone_hash),
      idNumberHash: (row.id_number_hash as string | null) ?? null,
    };
    const [reg]: Record<string, unknown>[] = await this.db.query(
      'SELECT id, user_id, status, name, phone_enc, phone_hash, id_number_enc, id_number_hash FROM registrations WHERE id = ?',
      [registrationId],
    );
    const candidate: RegKey | null = reg
      ? {
          id: Number(reg.id),
          userId: Number(reg.user_id),
          status: String(reg.status),
          name: String(reg.name),
          phoneEnc: String(reg.phone_enc),
          phoneHash: String(reg.phone_hash),
          idNumberEnc: (reg.id_number_enc as string | null) ?? null,
          idNumberHash: (reg.id_number_hash as string | null) ?? null,
        }
      : null;
    if (!candidate || outcomeOf(entry, candidate) !== 'review')
      throw badRequest('该队员不是此名册条目的待核对人选，请刷新后重试', 'registrationId');
    return { entry, candidate };
  }
}
