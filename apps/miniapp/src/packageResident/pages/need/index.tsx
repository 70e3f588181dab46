import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  PAGES,
  NEED_CATEGORY_LABELS,
  NEED_STATUS_LABELS,
  NeedAction,
  RATING_COMMENT_MAX,
  Role,
  type NeedDto,
} from '@sbd/contracts';
import { whyCannotRate } from '@sbd/domain';
import { Badge } from '@/ui/Badge';
import { Btn } from '@/ui/Button';
import { TextAreaField } from '@/ui/Field';
import { Gate } from '@/ui/Gate';
import { Page } from '@/ui/Page';
import { PhotoStrip } from '@/ui/Photos';
import { SCORE_WORDS, Stars } from '@/ui/Stars';
import { NotLoadedPage } from '@/ui/States';
import { Timeline } from '@/features/needs/Timeline';
import { getNeed, rateNeed, withdrawNeed } from '@/features/needs/service';
import { hasRole, useSession } from '@/platform/session';
import { invalidId, useLoaded } from '@/ui/hooks/useLoaded';
import { a11y } from '@/platform/a11y';
import { NEED_TONE, needCan, needTimeline } from '@/features/loop/loop';
import { openPage } from '@/platform/nav';
import { formatDayTime } from '@/platform/time';
import { confirmModal } from '@/platform/feedback';
import { useAction } from '@/ui/hooks/useAction';
import { useNow } from '@/ui/hooks/useNow';
import { SectionTitle } from '@/ui/SectionTitle';

function Row({ k, v }: { k: string; v: string | null | undefined }) {
  if (!v) return null;
  return (
    <View className="kv">
      <Text className="kv-key">{k}</Text>
      <Text className="kv-value">{v}</Text>
    </View>
  );
}

/**
 * 评单: 1–5 and a comment; "没解决" sends the need back to the community. Both wait for the end of
 * the service (the shared domain rule, the API's too): until then the buttons are disabled and say when.
 */
function RateForm({ need, onDone }: { need: NeedDto; onDone: (n: NeedDto) => void }) {
  const now = useNow(30_000);
  const notYet = need.serviceEndsAt ? whyCannotRate(now, Date.parse(need.serviceEndsAt)) : null;
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const action = useAction<'rate' | 'reopen'>();
  const busy = action.busy;
  const canRate = needCan(need, NeedAction.Rate);
  const canReopen = needCan(need, NeedAction.Reopen);

  const send = async (resolved: boolean) => {
    if (!score) {
      setError('请先点选分数');
      return;
    }
    if (!resolved && !(await confirmModal('没解决', '确定反馈“没解决”吗？需求会退回社区重新办理。', '确定'))) return;
    setError('');
    await action.run(
      () => rateNeed(need.id, { score, resolved, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
      {
        key: resolved ? 'rate' : 'reopen',
        success: resolved ? '感谢您的评价' : '已退回社区重新办理',
        onSuccess: onDone,
        onError: (e) => setError(e.message),
      },
    );
  };

  return (
    <View className="card">
      <SectionTitle className="mt-0">评价这次服务</SectionTitle>
      <Stars
        label="服务评分"
        value={score}
        onChange={(s) => {
          setScore(s);
          setError('');
        }}
      />
      <View className="mt-40">
        <TextAreaField
          label="说说您的感受（选填）"
          value={comment}
          onChange={setComment}
          maxLength={RATING_COMMENT_MAX}
          placeholder="服务态度、是否及时、还有什么问题"
        />
      </View>
      {error ? <Text className="field-error" {...a11y(undefined, { role: 'alert' })}>{`！${error}`}</Text> : null}
      {notYet ? (
        <Text className="block mt-24" {...a11y(undefined, { role: 'status' })}>
          {notYet}
        </Text>
      ) : null}
      <View className="mt-32">
        {canRate ? (
          <Btn onClick={() => void send(true)} disabled={!!notYet} loading={busy === 'rate'} loadingText="正在提交…">
            已解决，提交评价
          </Btn>
        ) : null}
        {canReopen ? (
          <Btn
            variant="danger"
            onClick={() => void send(false)}
            disabled={!!notYet}
            loading={busy === 'reopen'}
            loadingText="正在提交…"
          >
            没解决，请重新办理
          </Btn>
        ) : null}
      </View>
    </View>
  );
}

/** A need's progress (timeline), its details, and the resident's actions: rate, "没解决", withdraw. */
export default function NeedPage() {
  const router = useRouter();
  const session = useSession();
  const id = Number(router.params?.id);
  const loaded = useLoaded(() => getNeed(id), {
    active: !!session?.accessToken,
    invalid: invalidId(id, '没有找到这条需求'),
  });
  const { data: need, state, error, reload: load, setData: setNeed } = loaded;
  const action = useAction();

  if (!session?.accessToken) return <Gate title="需求进度" loggedIn={false} need="" />;
  if (state !== 'ready' || !need) {
    return (
      <NotLoadedPage title="需求进度" state={state} error={error} onRetry={() => void load()}>
        <Btn variant="plain" onClick={() => openPage(PAGES.myNeeds)}>
          我的需求
        </Btn>
      </NotLoadedPage>
    );
  }

  const withdraw = async () => {
    if (!(await confirmModal('撤回需求', `确定撤回“${need.title}”吗？撤回后社区将不再办理。`, '撤回', true))) return;
    await action.run(() => withdrawNeed(need.id), { success: '已撤回', icon: 'none', onSuccess: setNeed });
  };

  const showRate = needCan(need, NeedAction.Rate) || needCan(need, NeedAction.Reopen);
  const staff = hasRole(session, Role.CommunityAdmin);

  const current = needTimeline(need).find((st) => st.state === 'current' || st.state === 'stopped');

  return (
    <Page title="需求进度">
      <View className="card">
        <View className="row-top">
          <Text className="item-title t-xl">{need.title}</Text>
          <Badge text={NEED_STATUS_LABELS[need.status]} tone={NEED_TONE[need.status]} />
        </View>
        {current?.note ? (
          <Text className="block mt-24" {...a11y(undefined, { role: 'status' })}>
            {current.note}
          </Text>
        ) : null}
      </View>

      {showRate ? <RateForm need={need} onDone={setNeed} /> : null}

      {need.rating ? (
        <View className="card">
          <Text className="t-bold block">您的评价</Text>
          <Text className="block mt-16">{`${need.rating.score}分（${SCORE_WORDS[need.rating.score] ?? ''}）${need.rating.resolved ? '' : ' · 没解决'}`}</Text>
          {need.rating.comment ? <Text className="t-s t-muted block mt-8">{need.rating.comment}</Text> : null}
        </View>
      ) : null}

      <SectionTitle>办理进度</SectionTitle>
      <View className="card">
        <Timeline steps={needTimeline(need)} />
      </View>

      <SectionTitle>需求详情</SectionTitle>
      <View className="card">
        <Row k="类别" v={NEED_CATEGORY_LABELS[need.category]} />
        <Row k="社区" v={need.communityName} />
        <Row k="位置" v={[need.buildingName, need.place].filter(Boolean).join(' ')} />
        <Row k="希望办理" v={need.expectedAt ? `${formatDayTime(need.expectedAt)} 前` : '尽快'} />
        <Row k="提出人" v={need.onBehalf ? `${need.requesterName}（代点单）` : need.requesterName} />
        <Row k="联系电话" v={need.contactPhone} />
        <Row k="同一件事" v={need.plusOneCount ? `另有${need.plusOneCount}位居民 +1` : null} />
        <Text className="block mt-24">{need.description}</Text>
        {need.photos.length ? (
          <View className="mt-32">
            <PhotoStrip photos={need.photos} />
          </View>
        ) : null}
      </View>

      {needCan(need, NeedAction.Withdraw) ? (
        <Btn variant="plain" onClick={() => void withdraw()} loading={!!action.busy} loadingText="正在撤回…">
          撤回需求
        </Btn>
      ) : null}
      {staff ? (
        <Btn variant="secondary" onClick={() => openPage(PAGES.triage)}>
          去需求分拣处理
        </Btn>
      ) : null}
    </Page>
  );
}
