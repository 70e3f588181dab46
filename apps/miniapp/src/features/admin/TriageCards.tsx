import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  NEED_CATEGORY_LABELS,
  NEED_REASON_MAX,
  NEED_STATUS_LABELS,
  NeedAction,
  NeedStatus,
  PiiField,
  PiiObjectType,
  type NeedDto,
  type NeedSummaryDto,
  type SummaryPeriod,
} from '@sbd/contracts';
import { confirmModal, toast } from '@/platform/feedback';
import { formatDateTime } from '@/platform/format';
import { attempt } from '@/platform/request';
import { formatDayTime } from '@/platform/time';
import { Badge } from '@/ui/Badge';
import { Btn } from '@/ui/Button';
import { RadioChips, Segmented } from '@/ui/Choice';
import { TextAreaField } from '@/ui/Field';
import { useAction } from '@/ui/hooks/useAction';
import { PhotoStrip } from '@/ui/Photos';
import { Checkbox } from '@/ui/Toggle';
import { NEED_TONE, needCan } from '@/features/loop/loop';
import { RevealNumber } from '@/features/privacy/RevealNumber';
import { acceptNeed, fulfilNeed, mergeNeed, needSummary, rejectNeed, releaseNeed } from '@/features/needs/service';

const PERIODS: { value: SummaryPeriod; label: string }[] = [
  { value: 'day', label: '日汇总' },
  { value: 'week', label: '周研判' },
  { value: 'month', label: '月总结' },
];

/**
 * 受理 in one tap: a held need (content not yet passed) is released first, then accepted. Answers
 * the need as it ends up (released but not accepted when the second step fails).
 */
export async function acceptInOneTap(need: NeedDto): Promise<NeedDto> {
  let current = need;
  if (current.status === NeedStatus.Held) current = await releaseNeed(current.id);
  return acceptNeed(current.id);
}

export function SummaryCard({ communityId, version }: { communityId: number; version: number }) {
  const [period, setPeriod] = useState<SummaryPeriod>('day');
  const [summary, setSummary] = useState<NeedSummaryDto | null>(null);
  useEffect(() => {
    let live = true;
    void attempt(needSummary(communityId, period)).then((r) => {
      if (live && r.ok) setSummary(r.data);
    });
    return () => {
      live = false;
    };
  }, [communityId, period, version]);
  const s = summary;
  return (
    <View className="card">
      <Segmented label="统计周期" options={PERIODS} value={period} onChange={setPeriod} />
      {s ? (
        <View>
          <Text className="block">
            {`本${period === 'day' ? '日' : period === 'week' ? '周' : '月'}新需求 ${s.total} 条：待审核 ${s.byStatus.held ?? 0}，待受理 ${s.byStatus.submitted ?? 0}，已受理 ${s.byStatus.accepted ?? 0}，已办结 ${(s.byStatus.fulfilled ?? 0) + (s.byStatus.rated ?? 0)}`}
          </Text>
          {s.overdueCount ? (
            <Text className="t-danger t-bold block mt-16">{`⚠ 超过48小时未受理：${s.overdueCount} 条`}</Text>
          ) : (
            <Text className="t-s t-muted block mt-16">没有超过48小时未受理的需求</Text>
          )}
        </View>
      ) : (
        <Text className="t-s t-muted">统计加载中…</Text>
      )}
    </View>
  );
}

type Open = '' | 'reject' | 'merge';

/** What the community sees of a need before deciding. */
function NeedInfo({ need }: { need: NeedDto }) {
  return (
    <>
      <View className="row-top">
        <Text className="item-title">{need.title}</Text>
        <Badge text={NEED_STATUS_LABELS[need.status]} tone={NEED_TONE[need.status]} />
      </View>
      <Text className="item-line">{`${NEED_CATEGORY_LABELS[need.category]} · #${need.id} · ${formatDateTime(need.createdAt)}`}</Text>
      <Text className="item-line">{`提出人：${need.requesterName}${need.onBehalf ? '（代点单）' : ''}`}</Text>
      {need.contactPhone ? (
        <RevealNumber
          label="联系电话"
          masked={need.contactPhone}
          target={{ objectType: PiiObjectType.Need, objectId: need.id, field: PiiField.ContactPhone }}
          of={need.title}
        />
      ) : null}
      {need.buildingName || need.place ? (
        <Text className="item-line">{`位置：${[need.buildingName, need.place].filter(Boolean).join(' ')}`}</Text>
      ) : null}
      {need.expectedAt ? <Text className="item-line">{`希望：${formatDayTime(need.expectedAt)} 前`}</Text> : null}
      {need.plusOneCount ? <Text className="item-line t-bold">{`另有 ${need.plusOneCount} 位居民 +1`}</Text> : null}
      {need.reopenCount ? <Text className="item-line t-danger">{`居民反馈没解决 ${need.reopenCount} 次`}</Text> : null}
      {need.taskIds.length ? <Text className="item-line">{`已发布任务 ${need.taskIds.length} 个`}</Text> : null}
      <Text className="block mt-16">{need.description}</Text>
      {need.photos.length ? (
        <View className="mt-24">
          <PhotoStrip photos={need.photos} />
        </View>
      ) : null}
    </>
  );
}

export interface NeedCardProps {
  need: NeedDto;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onChanged: (n: NeedDto) => void;
  mergeTargets: NeedDto[] | null;
  loadMergeTargets: () => void;
  onStale: () => void;
}

/** One need in 需求分拣: 受理, 驳回 (with a reason), 合并 (into another need), 办结, or pick it to publish. */
export function NeedCard({
  need,
  selected,
  onSelect,
  onChanged,
  mergeTargets,
  loadMergeTargets,
  onStale,
}: NeedCardProps) {
  const [open, setOpen] = useState<Open>('');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const [target, setTarget] = useState<number | null>(null);
  const action = useAction<'accept' | 'reject' | 'merge' | 'fulfil'>();
  const busy = action.busy;

  // e.g. released but not accepted: show it where it is now
  const accept = () =>
    action.run(() => acceptInOneTap(need), {
      key: 'accept',
      success: '已受理',
      onSuccess: onChanged,
      onError: onStale,
    });
  const reject = async () => {
    const v = reason.trim();
    if (!v) {
      setReasonError('请填写驳回原因，居民会看到');
      return;
    }
    await action.run(() => rejectNeed(need.id, v), {
      key: 'reject',
      success: '已驳回',
      icon: 'none',
      onSuccess: onChanged,
    });
  };
  const merge = async () => {
    if (!target) {
      toast('请选择要合并到的需求');
      return;
    }
    await action.run(() => mergeNeed(need.id, target), {
      key: 'merge',
      success: '已合并',
      icon: 'none',
      onSuccess: onChanged,
    });
  };
  const fulfil = async () => {
    if (!(await confirmModal('办结需求', `确定将“${need.title}”标为已办结吗？居民会收到评价邀请。`, '办结'))) return;
    await action.run(() => fulfilNeed(need.id), {
      key: 'fulfil',
      success: '已办结',
      icon: 'none',
      onSuccess: onChanged,
    });
  };

  const canAccept =
    needCan(need, NeedAction.Accept) || (needCan(need, NeedAction.Release) && need.status === NeedStatus.Held);
  const canReject = needCan(need, NeedAction.Reject);
  const canMerge = needCan(need, NeedAction.Merge);
  const canFulfil = needCan(need, NeedAction.Fulfil);
  const targets = (mergeTargets ?? []).filter((t) => t.id !== need.id);

  return (
    <View className="item triage-item">
      <NeedInfo need={need} />
      {need.status === NeedStatus.Accepted ? (
        <View className="mt-24">
          <Checkbox checked={selected} onChange={onSelect} label={`选中“${need.title}”发布任务`}>
            <Text>{selected ? '已选中，用于发布任务' : '选中，用于发布任务'}</Text>
          </Checkbox>
        </View>
      ) : null}

      {open === '' ? (
        <View className="btn-row-wrap">
          {canAccept ? (
            <Btn
              onClick={() => void accept()}
              loading={busy === 'accept'}
              loadingText="受理中…"
              label={`受理：${need.title}`}
            >
              受理
            </Btn>
          ) : null}
          {canReject ? (
            <Btn variant="danger" onClick={() => setOpen('reject')} label={`驳回：${need.title}`}>
              驳回
            </Btn>
          ) : null}
          {canMerge ? (
            <Btn
              variant="plain"
              onClick={() => {
                setOpen('merge');
                loadMergeTargets();
              }}
              label={`合并：${need.title}`}
            >
              合并
            </Btn>
          ) : null}
          {canFulfil ? (
            <Btn
              variant="plain"
              onClick={() => void fulfil()}
              loading={busy === 'fulfil'}
              loadingText="办结中…"
              label={`办结：${need.title}`}
            >
              办结
            </Btn>
          ) : null}
        </View>
      ) : null}

      {open === 'reject' ? (
        <View className="inline-form">
          <TextAreaField
            label="驳回原因"
            value={reason}
            onChange={(v) => {
              setReason(v);
              setReasonError('');
            }}
            maxLength={NEED_REASON_MAX}
            placeholder="如：不属于社区服务范围，已转物业处理"
            required
            error={reasonError}
          />
          <View className="btn-row">
            <Btn variant="plain" onClick={() => setOpen('')}>
              取消
            </Btn>
            <Btn variant="danger" onClick={() => void reject()} loading={busy === 'reject'} loadingText="提交中…">
              确认驳回
            </Btn>
          </View>
        </View>
      ) : null}

      {open === 'merge' ? (
        <View className="inline-form">
          <Text className="field-label">合并到哪条需求（同一件事）</Text>
          {mergeTargets === null ? <Text className="t-s t-muted">加载中…</Text> : null}
          {mergeTargets !== null && targets.length === 0 ? (
            <Text className="t-s t-muted">没有可合并的待受理或已受理需求</Text>
          ) : null}
          <RadioChips
            label="合并到的需求"
            options={targets.map((t) => ({ value: t.id, label: `#${t.id} ${t.title}` }))}
            value={target}
            onChange={setTarget}
          />
          <View className="btn-row mt-32">
            <Btn variant="plain" onClick={() => setOpen('')}>
              取消
            </Btn>
            <Btn onClick={() => void merge()} loading={busy === 'merge'} loadingText="提交中…" disabled={!target}>
              确认合并
            </Btn>
          </View>
        </View>
      ) : null}
    </View>
  );
}
