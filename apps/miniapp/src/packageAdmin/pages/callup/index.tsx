import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { CALLUP_STATUS_LABELS, CallupStatus, OrgNodeType, type CallupDto } from '@sbd/contracts';
import { Badge } from '@/ui/Badge';
import { Btn } from '@/ui/Button';
import { RadioChips } from '@/ui/Choice';
import { Field, TextAreaField, TextField } from '@/ui/Field';
import { Page } from '@/ui/Page';
import { Stepper } from '@/ui/Stepper';
import { ErrorState, Loading } from '@/ui/States';
import { closeCallup, createCallup, formGroups, getCallup, listCallups, saveMuster } from '@/features/callups/service';
import { fetchChildren } from '@/features/org/service';
import { attempt } from '@/platform/request';
import { communityAdminScope, useSession } from '@/platform/session';
import { a11y } from '@/platform/a11y';
import { formatDateTime } from '@/platform/format';
import { confirmModal, stopPullDown } from '@/platform/feedback';
import { AdminGate } from '@/packageAdmin/components/AdminGate';
import { useAction } from '@/ui/hooks/useAction';

interface CallupForm {
  scopeNodeId: number;
  title: string;
  description: string;
  place: string;
  needed: number;
}

export function validateCallup(f: CallupForm): Partial<Record<keyof CallupForm, string>> {
  return {
    title: f.title.trim()
      ? Array.from(f.title.trim()).length > 50
        ? '标题不能超过50个字'
        : undefined
      : '请填写召集事由，如：暴雨防汛应急集结',
    description: f.description.trim() ? undefined : '请说明要做什么、注意事项',
    place: f.place.trim() ? undefined : '请填写集合地点',
  };
}

function CallupAdminCard({ callup, onChanged }: { callup: CallupDto; onChanged: (c: CallupDto) => void }) {
  const [size, setSize] = useState(5);
  const action = useAction<'refresh' | 'groups' | 'close' | 'export'>();
  const busy = action.busy;
  const open = callup.status === CallupStatus.Open;
  const silent = Math.max(0, callup.notifiedCount - callup.availableCount - callup.unavailableCount);

  const act = async (what: 'refresh' | 'groups' | 'close') => {
    if (
      what === 'close' &&
      !(await confirmModal('结束召集', `确定结束“${callup.title}”吗？结束后党员不能再回复。`, '结束', true))
    )
      return;
    await action.run(
      () =>
        what === 'groups'
          ? formGroups(callup.id, size)
          : what === 'close'
            ? closeCallup(callup.id)
            : getCallup(callup.id),
      {
        key: what,
        onSuccess: onChanged,
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
      <Text className="item-line">{`${callup.scopeName} · ${formatDateTime(callup.createdAt)} · ${callup.place}`}</Text>
      <View className="stat-grid mt-24">
        <View className="stat">
          <Text className="stat-value">{callup.availableCount}</Text>
          <Text className="stat-label">能到</Text>
        </View>
        <View className="stat">
          <Text className="stat-value t-text-2">{callup.unavailableCount}</Text>
          <Text className="stat-label">不能到</Text>
        </View>
      </View>
      <Text className="item-line">{`已通知 ${callup.notifiedCount} 人，未回复 ${silent} 人${callup.needed ? `，需要 ${callup.needed} 人` : ''}`}</Text>
      {callup.groups.map((g) => (
        <Text
          key={g.index}
          className="item-line"
        >{`${g.name}：${g.members.map((m) => (m.userId === g.leaderUserId ? `${m.name}（组长）` : m.name)).join('、')}`}</Text>
      ))}
      {open ? (
        <View className="mt-32">
          <Field label="每组人数">
            <Stepper label="每组人数" value={size} min={1} max={50} onChange={setSize} unit="人" />
          </Field>
        </View>
      ) : null}
      <View className="btn-row-wrap">
        <Btn variant="plain" onClick={() => void act('refresh')} loading={busy === 'refresh'} loadingText="刷新中…">
          刷新回复
        </Btn>
        {open ? (
          <Btn variant="secondary" onClick={() => void act('groups')} loading={busy === 'groups'} loadingText="编组中…">
            按回复编组
          </Btn>
        ) : null}
        <Btn
          variant="secondary"
          onClick={() => {
            void action.run(() => saveMuster(callup.id), { key: 'export', errorToast: false });
          }}
          loading={busy === 'export'}
          loadingText="导出中…"
        >
          导出花名册
        </Btn>
        {open ? (
          <Btn variant="danger" onClick={() => void act('close')} loading={busy === 'close'} loadingText="处理中…">
            结束召集
          </Btn>
        ) : null}
      </View>
    </View>
  );
}

/** 应急召集 (staff): one tap notifies every approved member in scope; answers, groups, muster list. */
export default function AdminCallupPage() {
  const session = useSession();
  const scope = communityAdminScope(session);
  const communityId = scope?.communityId ?? 0;
  const [scopes, setScopes] = useState<{ value: number; label: string }[]>([]);
  const [form, setForm] = useState<CallupForm>({
    scopeNodeId: communityId,
    title: '',
    description: '',
    place: '',
    needed: 10,
  });
  const [errors, setErrors] = useState<Partial<Record<keyof CallupForm, string>>>({});
  const [formError, setFormError] = useState('');
  const action = useAction();
  const [items, setItems] = useState<CallupDto[]>([]);
  const [listState, setListState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [listError, setListError] = useState('');

  useEffect(() => {
    if (!communityId) return;
    let live = true;
    void Promise.all([
      attempt(fetchChildren(communityId, OrgNodeType.Grid)),
      attempt(fetchChildren(communityId, OrgNodeType.FunctionalBranch)),
    ]).then(([g, b]) => {
      if (!live) return;
      setScopes([
        { value: communityId, label: `全社区（${scope?.communityName ?? ''}）` },
        ...(g.ok ? g.data.map((n) => ({ value: n.id, label: n.name })) : []),
        ...(b.ok ? b.data.map((n) => ({ value: n.id, label: n.name })) : []),
      ]);
    });
    return () => {
      live = false;
    };
  }, [communityId]);

  const loadList = async () => {
    const r = await attempt(listCallups(communityId));
    if (!r.ok) {
      setListError(r.error.message);
      setListState((s) => (s === 'ready' ? s : 'error'));
      return;
    }
    setItems(r.data);
    setListState('ready');
  };
  useDidShow(() => {
    if (scope) void loadList();
  });
  usePullDownRefresh(() => void loadList().finally(stopPullDown));

  if (!scope) return <AdminGate title="应急召集" loggedIn={!!session?.accessToken} />;

  const set = <K extends keyof CallupForm>(k: K, v: CallupForm[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };

  const submit = async () => {
    const errs = validateCallup(form);
    setErrors(errs);
    setFormError('');
    if (Object.values(errs).some(Boolean)) return;
    const scopeLabel = scopes.find((s) => s.value === form.scopeNodeId)?.label ?? scope.communityName;
    if (!(await confirmModal('一键召集', `将立即通知“${scopeLabel}”的全部党员，确定发起吗？`, '发起召集', true)))
      return;
    const body = {
      scopeNodeId: form.scopeNodeId || communityId,
      title: form.title.trim(),
      description: form.description.trim(),
      place: form.place.trim(),
      needed: form.needed,
    };
    await action.run(() => createCallup(body), {
      errorToast: false,
      success: (c) => `已通知 ${c.notifiedCount} 名党员`,
      onSuccess: (c) => {
        setItems((list) => [c, ...list.filter((x) => x.id !== c.id)]);
        setForm((f) => ({ ...f, title: '', description: '' }));
      },
      onError: (e) => setFormError(e.message),
    });
  };

  return (
    <Page title="应急召集">
      <View className="card">
        {scopes.length > 1 ? (
          <Field label="召集范围" required>
            <RadioChips
              label="召集范围"
              options={scopes}
              value={form.scopeNodeId || communityId}
              onChange={(v) => set('scopeNodeId', v)}
            />
          </Field>
        ) : null}
        <TextField
          label="召集事由"
          value={form.title}
          onChange={(v) => set('title', v)}
          maxLength={50}
          required
          error={errors.title}
          placeholder="如：暴雨防汛应急集结"
        />
        <TextAreaField
          label="任务说明"
          value={form.description}
          onChange={(v) => set('description', v)}
          maxLength={500}
          required
          error={errors.description}
          placeholder="做什么、带什么、注意安全"
        />
        <TextField
          label="集合地点"
          value={form.place}
          onChange={(v) => set('place', v)}
          maxLength={255}
          required
          error={errors.place}
          placeholder="如：桃园社区党群服务中心"
        />
        <Field label="需要人数">
          <Stepper
            label="需要人数"
            value={form.needed}
            min={1}
            max={500}
            onChange={(v) => set('needed', v)}
            unit="人"
          />
        </Field>
        {formError ? (
          <View className="notice notice-error" {...a11y(undefined, { role: 'alert' })}>
            <Text>{formError}</Text>
          </View>
        ) : null}
        <Btn variant="danger" onClick={() => void submit()} loading={!!action.busy} loadingText="正在通知…">
          一键召集
        </Btn>
      </View>
      <Text className="section-title">本社区的召集</Text>
      {listState === 'loading' ? <Loading /> : null}
      {listState === 'error' ? <ErrorState message={listError} onRetry={() => void loadList()} /> : null}
      {listState === 'ready' && items.length === 0 ? <Text className="t-s t-muted">还没有发起过召集</Text> : null}
      {items.map((c) => (
        <CallupAdminCard
          key={c.id}
          callup={c}
          onChanged={(n) => setItems((list) => list.map((x) => (x.id === n.id ? n : x)))}
        />
      ))}
    </Page>
  );
}
