import { NeedStatus, TaskKind } from '@sbd/contracts';
import { makeNeed } from '@test/doubles/fixtures';
import { emptyTaskForm, formFromNeeds, startOptions, taskWindow, toCreateTaskRequest, validateTask } from './form';

describe('publish form (下单)', () => {
  const now = new Date(2026, 10, 20, 10, 2);

  it('offers a start a few minutes ahead, today evening while it is still early, tomorrow, or a custom time', () => {
    const opts = startOptions(now);
    expect(opts.map((o) => o.label)).toEqual(['稍后开始（10:10）', '今天 19:00', '明天 09:00', '明天 14:00', '自定义']);
    expect(startOptions(new Date(2026, 10, 20, 18, 30)).map((o) => o.value)).not.toContain('tonight');
  });

  it('computes the window from the start choice and the duration', () => {
    const { start, end } = taskWindow(emptyTaskForm({ start: 'tomorrow9', durationMinutes: 240 }), now);
    expect(start).toEqual(new Date(2026, 10, 21, 9, 0));
    expect(end).toEqual(new Date(2026, 10, 21, 13, 0));
    expect(
      taskWindow(emptyTaskForm({ start: 'custom', customDate: '2026-11-25', customTime: '08:30' }), now).start,
    ).toEqual(new Date(2026, 10, 25, 8, 30));
    expect(taskWindow(emptyTaskForm({ start: 'custom', customDate: '', customTime: '' }), now).start).toBeNull();
  });

  it('requires a name, the content, a place and a start in the future', () => {
    const errors = validateTask(emptyTaskForm({ start: 'custom', customDate: '2026-11-19', customTime: '09:00' }), now);
    expect(errors).toMatchObject({
      title: '请填写任务名称',
      description: '请写明服务内容和要求',
      place: '请填写服务地点',
      startAt: expect.stringMatching(/^开始时间已过/),
    });
    const ok = emptyTaskForm({ title: '修灯', description: '带梯子', place: '3号楼' });
    expect(Object.values(validateTask(ok, now)).filter(Boolean)).toEqual([]);
  });

  it('is prefilled from the needs it answers and publishes at once', () => {
    const needs = [
      makeNeed({ id: 5, status: NeedStatus.Accepted, plusOneCount: 2, buildingName: '3号楼' }),
      makeNeed({ id: 6, title: '单元门坏了' }),
    ];
    const form = emptyTaskForm({ ...formFromNeeds(needs), kind: TaskKind.Project });
    expect(form.title).toBe('3号楼楼道灯坏了');
    expect(form.place).toBe('3号楼 2单元');
    expect(form.description).toContain('【居民需求 #5】3号楼楼道灯坏了：晚上看不见（另有2位居民 +1）');
    expect(form.description).toContain('【居民需求 #6】单元门坏了');
    const req = toCreateTaskRequest(form, 7, now);
    expect(req).toMatchObject({
      communityId: 7,
      kind: TaskKind.Project,
      needIds: [5, 6],
      capacity: 2,
      waitlist: true,
      publish: true,
    });
    expect(Date.parse(req.endAt) - Date.parse(req.startAt)).toBe(120 * 60_000);
  });
});
