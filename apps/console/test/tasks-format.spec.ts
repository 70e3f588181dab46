import { NeedCategory, NeedStatus, TaskKind, TaskTarget, type NeedDto } from '@sbd/contracts';
import { musterFilename, responseSummary, toCallupRequest } from '@/features/emergency/emergency-format';
import {
  TASK_FIELD_ALIASES,
  defaultWindow,
  draftFromNeed,
  emptyDraft,
  slotsText,
  toCreateRequest,
} from '@/features/tasks/task-format';
import { formErrorsOf } from '@/platform/form-errors';

const NOW = new Date(2026, 11, 4, 15, 30);

describe('the task publishing form’s helpers', () => {
  it('should start with tomorrow 09:00–11:00 and the API’s defaults', () => {
    const w = defaultWindow(NOW);
    expect(new Date(w.startAt).getHours()).toBe(9);
    expect(new Date(w.startAt).getDate()).toBe(5);
    expect(Date.parse(w.endAt) - Date.parse(w.startAt)).toBe(2 * 3600_000);
    expect(emptyDraft(NOW)).toMatchObject({ kind: TaskKind.Micro, checkinRadiusM: 500, needId: null });
  });

  it('should prefill from an accepted need and link the task to it', () => {
    const need = {
      id: 42,
      title: '5号楼单元门禁损坏',
      description: '门禁坏了一周',
      place: null,
      buildingName: '5号楼',
      latitude: 32.01,
      longitude: 120.86,
      category: NeedCategory.Repair,
      status: NeedStatus.Accepted,
    } as NeedDto;
    const d = draftFromNeed(need, NOW);
    expect(d).toMatchObject({ title: '5号楼单元门禁损坏', place: '5号楼', latitude: 32.01, needId: 42 });
    expect(toCreateRequest(d, 7, true)).toMatchObject({ communityId: 7, needIds: [42], publish: true });
  });

  it('should send a position only with both coordinates, and branches only to branch tasks', () => {
    const d = { ...emptyDraft(NOW), latitude: 32.01, longitude: null, branchIds: [3] };
    const r = toCreateRequest(d, 7, false);
    expect(r).not.toHaveProperty('latitude');
    expect(r).not.toHaveProperty('branchIds');
    expect(r.needIds).toEqual([]);
    const b = toCreateRequest({ ...d, longitude: 120.86, target: TaskTarget.Branches }, 7, false);
    expect(b).toMatchObject({ latitude: 32.01, longitude: 120.86, branchIds: [3], publish: false });
  });

  it('should put the API’s field errors on the form’s fields, nested paths and the time window included', () => {
    const errors = formErrorsOf(
      [
        { field: 'pointsRule.minimum', message: '起步积分不能大于积分上限' },
        { field: 'endAt', message: '结束时间必须晚于开始时间' },
        { field: 'startAt', message: '开始时间必须是有效的日期时间' },
        { field: 'skills.0', message: '技能不能超过20个字符' },
      ],
      TASK_FIELD_ALIASES,
    );
    expect(errors).toEqual([
      { name: ['pointsRule', 'minimum'], errors: ['起步积分不能大于积分上限'] },
      { name: ['window'], errors: ['结束时间必须晚于开始时间', '开始时间必须是有效的日期时间'] },
      { name: ['skills', 0], errors: ['技能不能超过20个字符'] },
    ]);
  });

  it('should say how many slots are taken', () => {
    expect(slotsText({ claimedCount: 3, capacity: 5, waitlistCount: 0 })).toBe('3/5');
    expect(slotsText({ claimedCount: 5, capacity: 5, waitlistCount: 2 })).toBe('5/5（候补 2）');
  });
});

describe('the call-up helpers', () => {
  it('should leave out the optional position, muster time and head count when not given', () => {
    const base = { title: '防汛', description: '集合', place: '党群服务中心' };
    const none = { latitude: null, longitude: null, musterAt: null, needed: null };
    expect(toCallupRequest({ ...base, ...none }, 9)).toEqual({ ...base, scopeNodeId: 9 });
    const all = { latitude: 32.01, longitude: 120.86, musterAt: '2026-12-04T10:00:00.000Z', needed: 8 };
    expect(toCallupRequest({ ...base, ...all }, 9)).toEqual({ ...base, ...all, scopeNodeId: 9 });
  });

  it('should count who has not answered and name the muster file safely', () => {
    expect(responseSummary({ notifiedCount: 10, availableCount: 3, unavailableCount: 1 })).toBe(
      '能到 3 · 不能到 1 · 未回复 6（共通知 10 人）',
    );
    expect(musterFilename({ title: '防汛/排涝' })).toBe('花名册-防汛_排涝.xlsx');
  });
});
