import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { CallupDto } from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { Page } from '@/ui/Page';
import { ErrorState, Loading } from '@/ui/States';
import { createCallup, listCallups } from '@/features/callups/service';
import { attempt } from '@/platform/request';
import { communityAdminScope, useSession } from '@/platform/session';
import { a11y } from '@/platform/a11y';
import { confirmModal, stopPullDown } from '@/platform/feedback';
import { AdminGate } from '@/packageAdmin/components/AdminGate';
import { CallupAdminCard } from '@/packageAdmin/components/CallupAdminCard';
import { CallupFields, useCallupScopes, validateCallup, type CallupForm } from '@/packageAdmin/components/CallupFields';
import { useAction } from '@/ui/hooks/useAction';
import { SectionTitle } from '@/ui/SectionTitle';

export { validateCallup };

/** 应急召集 (staff): one tap notifies every approved member in scope; answers, groups, muster list. */
export default function AdminCallupPage() {
  const session = useSession();
  const scope = communityAdminScope(session);
  const communityId = scope?.communityId ?? 0;
  const scopes = useCallupScopes(communityId, scope?.communityName);
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
        <CallupFields form={form} errors={errors} scopes={scopes} communityId={communityId} set={set} />
        {formError ? (
          <View className="notice notice-error" {...a11y(undefined, { role: 'alert' })}>
            <Text>{formError}</Text>
          </View>
        ) : null}
        <Btn variant="danger" onClick={() => void submit()} loading={!!action.busy} loadingText="正在通知…">
          一键召集
        </Btn>
      </View>
      <SectionTitle>本社区的召集</SectionTitle>
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
