import { NEED_ACTION_LABELS, NeedAction, type NeedDto } from '@sbd/contracts';
import { needMachine } from '@sbd/domain';
import { runEach } from '@/platform/bulk';
import { runAction } from './need-actions';

/** What staff can do to several needs at once; merging stays one by one (it needs a target each). */
export const BULK_ACTIONS: NeedAction[] = [NeedAction.Release, NeedAction.Accept, NeedAction.Reject, NeedAction.Fulfil];

export interface NeedBulkReport {
  action: NeedAction;
  done: number;
  /** Each need that was not changed, in board order, with the API's reason or why it was skipped. */
  failed: { id: number; title: string; message: string }[];
}

/** The chosen needs the API allows this action on. */
export function eligibleFor(needs: readonly NeedDto[], action: NeedAction): NeedDto[] {
  return needs.filter((n) => n.allowedActions.includes(action));
}

/**
 * Runs one action on every chosen need that allows it (one request each, so the API's checks,
 * notices and audit apply to each) and reports per need what did not happen and why. Needs whose
 * status does not allow the action are reported, not sent.
 */
export async function runOnNeeds(needs: readonly NeedDto[], action: NeedAction, reason = ''): Promise<NeedBulkReport> {
  const eligible = eligibleFor(needs, action);
  const result = await runEach(
    eligible.map((n) => n.id),
    (id) => runAction(id, action, { reason }),
  );
  const why = new Map(result.failed.map((f) => [f.id, f.message]));
  for (const n of needs)
    if (!eligible.includes(n))
      why.set(n.id, needMachine.whyNot(n.status, action) ?? `您不能${NEED_ACTION_LABELS[action]}该需求`);
  return {
    action,
    done: result.done,
    failed: needs.filter((n) => why.has(n.id)).map((n) => ({ id: n.id, title: n.title, message: why.get(n.id)! })),
  };
}

/** "批量受理：成功 2 条，1 条未处理" */
export function bulkReportTitle(r: NeedBulkReport): string {
  const head = `批量${NEED_ACTION_LABELS[r.action]}：成功 ${r.done} 条`;
  return r.failed.length ? `${head}，${r.failed.length} 条未处理` : head;
}
