import { NeedAction, NeedStatus, type NeedDto } from '@sbd/contracts';
import { groupByColumn } from '@/features/needs/board';
import { boardActions } from '@/features/needs/need-actions';

const need = (id: number, status: NeedStatus, createdAt: string, allowedActions: NeedAction[] = []) =>
  ({ id, status, createdAt, allowedActions }) as unknown as NeedDto;

describe('the needs triage board', () => {
  it('should put each need in its column, longest waiting first, and leave closed ones off', () => {
    const cols = groupByColumn([
      need(1, NeedStatus.Submitted, '2026-12-02T00:00:00Z'),
      need(2, NeedStatus.Submitted, '2026-12-01T00:00:00Z'),
      need(3, NeedStatus.Held, '2026-12-01T00:00:00Z'),
      need(4, NeedStatus.Rated, '2026-11-01T00:00:00Z'),
      need(5, NeedStatus.Fulfilled, '2026-11-02T00:00:00Z'),
      need(6, NeedStatus.Rejected, '2026-11-02T00:00:00Z'),
      need(7, NeedStatus.Merged, '2026-11-02T00:00:00Z'),
      need(8, NeedStatus.Accepted, '2026-11-02T00:00:00Z'),
    ]);
    const ids = (k: string) => cols[k].map((n) => n.id);
    expect(ids('review')).toEqual([3]);
    expect(ids('triage')).toEqual([2, 1]);
    expect(ids('accepted')).toEqual([8]);
    expect(ids('done')).toEqual([4, 5]);
  });

  it('should offer only the staff actions the API allows on a need', () => {
    const n = need(1, NeedStatus.Submitted, '', [NeedAction.Accept, NeedAction.Reject, NeedAction.Withdraw]);
    expect(boardActions(n)).toEqual([NeedAction.Accept, NeedAction.Reject]);
  });
});
