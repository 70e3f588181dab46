import { NeedAction, NeedStatus, type NeedDto } from '@sbd/contracts';
import { runEach } from '@/platform/bulk';
import { bulkReportTitle, eligibleFor, runOnNeeds } from '@/features/needs/need-bulk';
import { call } from '@/platform/api';

jest.mock('@/platform/api', () => ({ call: jest.fn() }));
const call$ = call as jest.MockedFunction<typeof call>;

const need = (id: number, status: NeedStatus, allowedActions: NeedAction[]) =>
  ({ id, title: `需求${id}`, status, allowedActions }) as unknown as NeedDto;

describe('running one request per chosen row', () => {
  it('should run every id two at a time and report failures in the order given', async () => {
    let running = 0;
    let most = 0;
    const r = await runEach([1, 2, 3, 4, 5], async (id) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((res) => setTimeout(res, id === 2 ? 30 : 5));
      running -= 1;
      if (id % 2 === 0) throw new Error(`第${id}条失败`);
    });
    expect(most).toBe(2);
    expect(r).toEqual({
      done: 3,
      failed: [
        { id: 2, message: '第2条失败' },
        { id: 4, message: '第4条失败' },
      ],
    });
  });

  it('should do nothing for no rows', async () => {
    const op = jest.fn();
    expect(await runEach([], op)).toEqual({ done: 0, failed: [] });
    expect(op).not.toHaveBeenCalled();
  });
});

describe('bulk actions on the needs board', () => {
  beforeEach(() => call$.mockReset());

  it('should accept only the needs that allow it and say why the others were left', async () => {
    call$.mockImplementation(async (_route, opts) => {
      if ((opts as { params: { id: number } }).params.id === 2) throw new Error('该需求已被其他工作人员受理');
      return {} as never;
    });
    const needs = [
      need(1, NeedStatus.Submitted, [NeedAction.Accept, NeedAction.Reject]),
      need(2, NeedStatus.Submitted, [NeedAction.Accept]),
      need(3, NeedStatus.Held, [NeedAction.Release]),
    ];
    expect(eligibleFor(needs, NeedAction.Accept).map((n) => n.id)).toEqual([1, 2]);
    const r = await runOnNeeds(needs, NeedAction.Accept);
    expect(call$).toHaveBeenCalledTimes(2);
    expect(r.done).toBe(1);
    expect(r.failed).toEqual([
      { id: 2, title: '需求2', message: '该需求已被其他工作人员受理' },
      { id: 3, title: '需求3', message: '需求正在审核，不能受理' },
    ]);
    expect(bulkReportTitle(r)).toBe('批量受理：成功 1 条，2 条未处理');
  });

  it('should send the one reason with every rejection', async () => {
    call$.mockResolvedValue({} as never);
    const r = await runOnNeeds(
      [need(1, NeedStatus.Submitted, [NeedAction.Reject]), need(2, NeedStatus.Held, [NeedAction.Reject])],
      NeedAction.Reject,
      '已转物业处理',
    );
    expect(call$.mock.calls.map((c) => (c[1] as { body: unknown }).body)).toEqual([
      { reason: '已转物业处理' },
      { reason: '已转物业处理' },
    ]);
    expect(bulkReportTitle(r)).toBe('批量驳回：成功 2 条');
  });
});
