import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  CALLUP_RESPONSE_LABELS,
  CALLUP_STATUS_LABELS,
  CallupResponse,
  CallupStatus,
  type CallupDto,
} from '@sbd/contracts';
import { Badge } from '@/ui/Badge';
import { Btn } from '@/ui/Button';
import { RadioChips } from '@/ui/Choice';
import { Gate } from '@/ui/Gate';
import { Page } from '@/ui/Page';
import { Empty, ErrorState, Loading } from '@/ui/States';
import { getCallup, myCallups, respondCallup } from '@/features/callups/service';
import { useSession } from '@/platform/session';
import { useLoaded } from '@/ui/hooks/useLoaded';
import { formatDateTime } from '@/platform/format';
import { formatDayTime } from '@/platform/time';
import { useAction } from '@/ui/hooks/useAction';
import { SectionTitle } from '@/ui/SectionTitle';

const ETA_OPTIONS = [
  { value: 10, label: '10分钟内' },
  { value: 30, label: '30分钟内' },
  { value: 60, label: '1小时内' },
  { value: 120, label: '2小时内' },
];

/** "1小时" / "1小时30分钟" / "30分钟". */
export function etaText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h && m) return `${h}小时${m}分钟`;
  return h ? `${h}小时` : `${m}分钟`;
}

/** My answer in words, with the arrival time I gave (kept by the API, so it shows after a reload). */
export function responseText(c: Pick<CallupDto, 'myResponse' | 'myEtaMinutes'>): string {
  if (!c.myResponse) return '您还没有回复';
  const eta = c.myResponse === CallupResponse.Available && c.myEtaMinutes ? `（约${etaText(c.myEtaMinutes)}到达）` : '';
  return `您的回复：${CALLUP_RESPONSE_LABELS[c.myResponse]}${eta}`;
}

function CallupCard({ callup, onChange }: { callup: CallupDto; onChange: (c: CallupDto) => void }) {
  const [eta, setEta] = useState<number>(
    ETA_OPTIONS.some((o) => o.value === callup.myEtaMinutes) ? (callup.myEtaMinutes as number) : 30,
  );
  const action = useAction<CallupResponse>();
  const busy = action.busy;
  const open = callup.status === CallupStatus.Open;

  const answer = async (response: CallupResponse) => {
    await action.run(
      () => respondCallup(callup.id, response, response === CallupResponse.Available ? eta : undefined),
      {
        key: response,
        success: response === CallupResponse.Available ? '已回复：能到' : '已回复：不能到',
        onSuccess: onChange,
      },
    );
  };

  return (
    <View className="item">
      <View className="row-top">
        <Text className="item-title">{callup.title}</Text>
        <Badge
          text={CALLUP_STATUS_LABELS[callup.status]}
          tone={open ? 'rejected' : 'neutral'}
          icon={open ? '●' : undefined}
        />
      </View>
      <Text className="block mt-16">{callup.description}</Text>
      <Text className="item-line">{`集合地点：${callup.place}`}</Text>
      {callup.musterAt ? <Text className="item-line">{`集合时间：${formatDayTime(callup.musterAt)}`}</Text> : null}
      {callup.needed ? (
        <Text className="item-line">{`需要 ${callup.needed} 人，已有 ${callup.availableCount} 人能到`}</Text>
      ) : null}
      <Text className="item-line">{`发起：${callup.scopeName} · ${formatDateTime(callup.createdAt)}`}</Text>
      <View className="notice mt-32 mb-0">
        <Text className="t-bold">{responseText(callup)}</Text>
      </View>
      {open ? (
        <View className="mt-32">
          <Text className="field-label">预计多久能到</Text>
          <RadioChips label="预计多久能到" options={ETA_OPTIONS} value={eta} onChange={setEta} />
          <View className="btn-row-wrap">
            <Btn
              onClick={() => void answer(CallupResponse.Available)}
              loading={busy === CallupResponse.Available}
              loadingText="提交中…"
            >
              能到
            </Btn>
            <Btn
              variant="plain"
              onClick={() => void answer(CallupResponse.Unavailable)}
              loading={busy === CallupResponse.Unavailable}
              loadingText="提交中…"
            >
              不能到
            </Btn>
          </View>
        </View>
      ) : (
        <Text className="item-line">召集已结束</Text>
      )}
    </View>
  );
}

/** 应急召集 for a member: every call-up addressed to me, answer 能到 / 不能到 in one tap. */
export default function CallupPage() {
  const router = useRouter();
  const session = useSession();
  const focusId = Number(router.params?.id) || 0;
  const loaded = useLoaded(
    async () => {
      const [mine, one] = await Promise.all([
        myCallups(),
        focusId ? getCallup(focusId).catch(() => null) : Promise.resolve(null),
      ]);
      // The call-up the notification pointed at comes first.
      return one ? [one, ...mine.filter((c) => c.id !== focusId)] : mine;
    },
    { active: !!session?.accessToken },
  );
  const { state, error, reload: load } = loaded;
  const items = loaded.data ?? [];

  if (!session?.accessToken) return <Gate title="应急召集" loggedIn={false} need="" />;

  const replace = (c: CallupDto) => loaded.setData(items.map((x) => (x.id === c.id ? c : x)));
  const open = items.filter((c) => c.status === CallupStatus.Open);
  const closed = items.filter((c) => c.status !== CallupStatus.Open);

  return (
    <Page title="应急召集">
      {state === 'loading' ? <Loading /> : null}
      {state === 'error' ? <ErrorState message={error} onRetry={() => void load()} /> : null}
      {state === 'ready' && items.length === 0 ? <Empty text="目前没有应急召集" /> : null}
      {open.map((c) => (
        <CallupCard key={c.id} callup={c} onChange={replace} />
      ))}
      {closed.length ? <SectionTitle>已结束</SectionTitle> : null}
      {closed.map((c) => (
        <CallupCard key={c.id} callup={c} onChange={replace} />
      ))}
    </Page>
  );
}
