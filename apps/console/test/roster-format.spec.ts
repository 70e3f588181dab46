import { MemberFlag, Role, RosterMatchStatus, type MeDto, type RosterEntryDto } from '@sbd/contracts';
import { canUpload, flagsText, rosterStatus, satisfactionText } from '@/features/rosters/roster-format';

const entry = (over: Partial<RosterEntryDto>): RosterEntryDto => ({
  id: 1,
  unitId: 9,
  rowNo: 2,
  name: '王麗',
  phone: '138****0006',
  idNumber: null,
  partyBranch: null,
  position: null,
  registrationId: null,
  registrationStatus: null,
  matchStatus: RosterMatchStatus.Unmatched,
  candidate: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('roster format', () => {
  it('should read 已报到 only for an approved match, 待核对 for a candidate, else 未报到', () => {
    expect(rosterStatus(entry({ matchStatus: RosterMatchStatus.Matched, registrationStatus: 'approved' })).label).toBe(
      '已报到',
    );
    expect(
      rosterStatus(entry({ matchStatus: RosterMatchStatus.Matched, registrationStatus: 'pending' })),
    ).toMatchObject({
      label: '未报到',
      note: '报到待审核',
    });
    const candidate = {
      registrationId: 3,
      name: '王丽',
      phone: '138****0006',
      idNumber: null,
      registrationStatus: 'approved',
      reason: '同手机号，姓名不一致',
    };
    expect(rosterStatus(entry({ matchStatus: RosterMatchStatus.Review, candidate }))).toMatchObject({
      label: '待核对',
      note: '同手机号，姓名不一致',
    });
    expect(rosterStatus(entry({})).label).toBe('未报到');
  });

  it('should write flags and satisfaction in Chinese', () => {
    expect(flagsText([])).toBe('无');
    expect(flagsText([MemberFlag.NotRegistered, MemberFlag.NegativeList])).toBe('未报到、负面清单（多次缺席）');
    expect(satisfactionText(null)).toBe('—');
    expect(satisfactionText(0.955)).toBe('95.5%');
  });

  it('should let only the unit’s own admins upload', () => {
    const user = { roles: [{ role: Role.UnitAdmin, scopeNodeId: 9, scopeName: '市税务局' }] } as unknown as MeDto;
    expect(canUpload(user, 9)).toBe(true);
    expect(canUpload(user, 10)).toBe(false);
    expect(canUpload(user, null)).toBe(false);
  });
});
