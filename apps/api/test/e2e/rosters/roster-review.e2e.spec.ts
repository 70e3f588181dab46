/**
 * 名册待核对: a roster row whose name differs from a registered member's only in a variant (丽/麗)
 * or homophone character, with the same phone (or ID number), is reported as 待核对 with the
 * candidate; 报到率 counts it only once the unit's staff confirm; a rejection keeps it unmatched.
 */
import {
  AuditAction,
  MemberFlag,
  RosterMatchDecision,
  RosterMatchStatus,
  type MemberRecordDto,
  type RosterDecisionResult,
  type RosterImportReport,
  type StatsDto,
} from '@sbd/contracts';
import { FieldCipher } from '../../../src/platform/crypto/field-cipher';
import { createRosterWorld, xlsx, HEADER, type RosterWorld } from './roster-world';

const ID_NUMBER = '11010519491231002X';

describe('should report near-matches of a roster as 待核对 and count them only once confirmed', () => {
  let w: RosterWorld;
  let report: RosterImportReport;
  const y = new Date().getUTCFullYear();
  const stats = async (): Promise<StatsDto> =>
    (
      await w.t
        .http()
        .get(`/api/stats/nodes/${w.city.unitA}?from=${y}-01-01&to=${y}-12-31`)
        .set(w.districtAdmin.auth)
        .expect(200)
    ).body;
  const decide = (entryId: number, registrationId: number, decision: RosterMatchDecision, as = w.unitAdmin) =>
    w.t
      .http()
      .post(`/api/units/${w.city.unitA}/roster/entries/${entryId}/decision`)
      .set(as.auth)
      .send({ registrationId, decision });
  const records = async (): Promise<MemberRecordDto[]> =>
    (await w.t.http().get(`/api/units/${w.city.unitA}/member-records?limit=200`).set(w.unitAdmin.auth).expect(200)).body
      .items;
  const regOf = async (i: number): Promise<number> =>
    Number((await w.t.ds.query('SELECT id FROM registrations WHERE user_id = ?', [w.members[i].id]))[0].id);

  beforeAll(async () => {
    w = await createRosterWorld();
    const cipher = new FieldCipher(w.t.config.fieldEncryptionKey);
    await w.t.ds.query('UPDATE registrations SET name = ? WHERE user_id = ?', ['王丽', w.members[0].id]);
    await w.t.ds.query('UPDATE registrations SET name = ? WHERE user_id = ?', ['张伟', w.members[1].id]);
    await w.t.ds.query('UPDATE registrations SET name = ?, id_number_enc = ?, id_number_hash = ? WHERE user_id = ?', [
      '李明',
      cipher.encrypt(ID_NUMBER),
      cipher.hash(ID_NUMBER),
      w.members[3].id,
    ]);
    const res = await w
      .upload(
        await xlsx(
          [...HEADER, '身份证号'],
          [
            ['王麗', w.members[0].phone, '一支部', null, null],
            ['张维', w.members[1].phone, '一支部', null, null],
            [w.nameOf(3), w.members[2].phone, '一支部', null, null],
            // Same ID number, another phone, a homophone name.
            ['李鸣', '13900000991', '一支部', null, ID_NUMBER.toLowerCase()],
            // Same phone, an unrelated name: not a candidate.
            ['赵强', w.members[2].phone.replace(/\d$/, (d) => String((Number(d) + 1) % 10)), '一支部', null, null],
          ],
        ),
      )
      .expect(200);
    report = res.body;
  });
  afterAll(() => w.t.close());

  it('reports the variant, homophone and ID-number rows as 待核对 with the masked candidate', async () => {
    expect(report).toMatchObject({ imported: 5, matched: 1, review: 3 });
    expect(report.reviews.map((r) => [r.row, r.name, r.candidate.name])).toEqual([
      [2, '王麗', '王丽'],
      [3, '张维', '张伟'],
      [5, '李鸣', '李明'],
    ]);
    expect(report.reviews[0].candidate).toMatchObject({
      registrationId: await regOf(0),
      phone: expect.stringMatching(/^1\d{2}\*{4}\d{4}$/),
      reason: '同手机号，姓名不一致',
    });
    expect(report.reviews[2].candidate).toMatchObject({ reason: '同身份证号，姓名不一致' });
    expect(report.reviews[2].candidate.idNumber).not.toContain(ID_NUMBER.slice(6, 14));
    const roster = await w.rosterOf();
    expect(roster.map((e) => e.matchStatus)).toEqual([
      RosterMatchStatus.Review,
      RosterMatchStatus.Review,
      RosterMatchStatus.Matched,
      RosterMatchStatus.Review,
      RosterMatchStatus.Unmatched,
    ]);
    expect(roster[3].idNumber).toMatch(/\*/);
  });

  it('does not count 待核对 rows in 报到率 until confirmed, then counts them', async () => {
    expect(await stats()).toMatchObject({ rosterEntries: 5, rosterRegistered: 1 });
    // Member records say 待核对, not 未报到, for the three near-matches (the unrelated 赵强 is 未报到).
    expect((await records()).slice(0, 5).map((r) => [r.name, r.flags])).toEqual([
      ['王麗', [MemberFlag.PendingMatch]],
      ['张维', [MemberFlag.PendingMatch]],
      [w.nameOf(3), []],
      ['李鸣', [MemberFlag.PendingMatch]],
      ['赵强', [MemberFlag.NotRegistered]],
    ]);
    const pending = await w.t
      .http()
      .get(`/api/units/${w.city.unitA}/member-records?flag=${MemberFlag.PendingMatch}`)
      .set(w.unitAdmin.auth)
      .expect(200);
    expect(pending.body.items.map((r: MemberRecordDto) => r.name)).toEqual(['王麗', '张维', '李鸣']);
    const [first] = report.reviews;
    const res = await decide(first.rosterEntryId, first.candidate.registrationId, RosterMatchDecision.Confirmed).expect(
      200,
    );
    expect(res.body as RosterDecisionResult).toMatchObject({ matchStatus: RosterMatchStatus.Matched });
    expect(await stats()).toMatchObject({ rosterEntries: 5, rosterRegistered: 2 });
    expect(await w.confirmed(w.members[0])).toBe(true);
    const roster = await w.rosterOf();
    expect(roster[0]).toMatchObject({ matchStatus: RosterMatchStatus.Matched, registrationId: await regOf(0) });
    expect((await records())[0]).toMatchObject({ name: '王麗', userId: w.members[0].id, flags: [] });
    const [audit] = await w.t.ds.query('SELECT action, object_id FROM audit_events WHERE action = ?', [
      AuditAction.RosterMatchConfirm,
    ]);
    expect(audit).toMatchObject({ object_id: String(first.rosterEntryId) });
  });

  it('keeps a rejected pairing unmatched', async () => {
    const second = report.reviews[1];
    const res = await decide(second.rosterEntryId, second.candidate.registrationId, RosterMatchDecision.Rejected);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ matchStatus: RosterMatchStatus.Unmatched });
    expect((await w.rosterOf())[1]).toMatchObject({ matchStatus: RosterMatchStatus.Unmatched, candidate: null });
    expect(await stats()).toMatchObject({ rosterRegistered: 2 });
    expect(await w.confirmed(w.members[1])).toBe(false);
    expect((await records())[1]).toMatchObject({ name: '张维', flags: [MemberFlag.NotRegistered] });
  });

  it('survives a re-upload of the same roster', async () => {
    const again = await w
      .upload(
        await xlsx(HEADER, [
          ['王麗', w.members[0].phone, '一支部', null],
          ['张维', w.members[1].phone, '一支部', null],
        ]),
      )
      .expect(200);
    expect(again.body).toMatchObject({ matched: 1, review: 0 });
    expect(await stats()).toMatchObject({ rosterEntries: 2, rosterRegistered: 1 });
  });

  it('refuses other units’ admins, pairings that are no candidates, and bad bodies', async () => {
    const [entry] = await w.rosterOf();
    const reg = await regOf(0);
    await decide(entry.id, reg, RosterMatchDecision.Confirmed, w.unitAdminB).expect(403);
    await decide(entry.id, reg, RosterMatchDecision.Confirmed, w.communityAdmin).expect(403);
    const other = await decide(entry.id, await regOf(2), RosterMatchDecision.Confirmed).expect(400);
    expect(other.body.details).toEqual([{ field: 'registrationId', message: expect.stringContaining('待核对') }]);
    await w.t
      .http()
      .post(`/api/units/${w.city.unitA}/roster/entries/${entry.id}/decision`)
      .set(w.unitAdmin.auth)
      .send({ registrationId: reg, decision: 'maybe' })
      .expect(400);
    await w.t
      .http()
      .post(`/api/units/${w.city.unitB}/roster/entries/${entry.id}/decision`)
      .set(w.unitAdminB.auth)
      .send({ registrationId: reg, decision: RosterMatchDecision.Confirmed })
      .expect(404);
  });

  it('checks the optional 身份证号 column row by row', async () => {
    const res = await w
      .upload(await xlsx([...HEADER, '身份证号'], [['王麗', w.members[0].phone, null, null, '110105194912310021']]))
      .expect(400);
    expect(res.body.report.errors).toEqual([
      { row: 2, column: '身份证号', message: '身份证号不是有效的18位身份证号码' },
    ]);
  });

  it('forgets a confirmed pairing when the member deletes the account', async () => {
    expect(await stats()).toMatchObject({ rosterEntries: 2, rosterRegistered: 1 });
    await w.t.http().delete('/api/me').set(w.members[0].auth).expect(204);
    expect(await stats()).toMatchObject({ rosterEntries: 2, rosterRegistered: 0 });
    expect((await w.rosterOf()).map((e) => e.matchStatus)).toEqual([
      RosterMatchStatus.Unmatched,
      RosterMatchStatus.Unmatched,
    ]);
    expect(
      await w.t.ds.query('SELECT id FROM roster_match_decisions WHERE registration_id = ?', [await regOf(0)]),
    ).toEqual([]);
  });
});
