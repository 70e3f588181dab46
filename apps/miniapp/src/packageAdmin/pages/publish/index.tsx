import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { PAGES, NEED_STATUS_LABELS, type NeedDto, type PositionDto } from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { Page } from '@/ui/Page';
import { getNeed } from '@/features/needs/service';
import { fetchPositions } from '@/features/org/service';
import { attempt } from '@/platform/request';
import { communityAdminScope, useSession } from '@/platform/session';
import { createTask } from '@/features/tasks/service';
import { useNow } from '@/ui/hooks/useNow';
import { a11y } from '@/platform/a11y';
import { replacePage } from '@/platform/nav';
import {
  emptyTaskForm,
  formFromNeeds,
  toCreateTaskRequest,
  validateTask,
  type TaskField,
  type TaskForm,
} from '@/features/tasks/form';
import { hasErrors, type FormErrors } from '@/platform/validation';
import { useAction } from '@/ui/hooks/useAction';
import { TaskWhatFields, TaskWhenFields, TaskWhoFields } from '@/features/tasks/TaskFormFields';
import { AdminGate } from '@/packageAdmin/components/AdminGate';

export function parseNeedIds(raw: string | undefined): number[] {
  if (!raw) return [];
  return [
    ...new Set(
      decodeURIComponent(raw)
        .split(',')
        .map(Number)
        .filter((n) => Number.isInteger(n) && n > 0),
    ),
  ].slice(0, 20);
}

/** 下单: publish a task, usually from accepted needs picked in 需求分拣 (?needIds=1,2). */
export default function PublishPage() {
  const router = useRouter();
  const session = useSession();
  const scope = communityAdminScope(session);
  const needIds = parseNeedIds(router.params?.needIds);
  const [needs, setNeeds] = useState<NeedDto[]>([]);
  const [positions, setPositions] = useState<PositionDto[]>([]);
  const [form, setForm] = useState<TaskForm>(() => emptyTaskForm({ needIds }));
  const [errors, setErrors] = useState<FormErrors<TaskField>>({});
  const [formError, setFormError] = useState('');
  const action = useAction();
  const nowMs = useNow(30_000);
  const now = new Date(nowMs);
  const communityId = scope?.communityId ?? 0;

  useEffect(() => {
    if (!communityId) return;
    let live = true;
    void attempt(fetchPositions(communityId)).then((r) => {
      if (live && r.ok) setPositions(r.data.filter((p) => p.active));
    });
    if (needIds.length) {
      void Promise.all(needIds.map((id) => attempt(getNeed(id)))).then((rs) => {
        if (!live) return;
        const got = rs.flatMap((r) => (r.ok ? [r.data] : []));
        setNeeds(got);
        setForm((f) => ({ ...f, ...formFromNeeds(got) }));
      });
    }
    return () => {
      live = false;
    };
  }, [communityId]);

  if (!scope) return <AdminGate title="发布任务" loggedIn={!!session?.accessToken} />;

  const set = <K extends keyof TaskForm>(key: K, value: TaskForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (errors[key] || ((key === 'start' || key === 'customDate' || key === 'customTime') && errors.startAt)) {
      setErrors((e) => ({ ...e, [key]: undefined, startAt: undefined }));
    }
  };

  const submit = async () => {
    const at = new Date();
    const errs = validateTask(form, at);
    setErrors(errs);
    setFormError('');
    if (hasErrors(errs)) {
      setFormError('请按红色提示修改后再发布');
      return;
    }
    await action.run(() => createTask(toCreateTaskRequest(form, communityId, at)), {
      errorToast: false,
      success: '任务已发布',
      onSuccess: (task) => replacePage(`${PAGES.adminTask}?id=${task.id}`),
      onError: (e) => setFormError(e.message),
    });
  };

  const fields = { form, errors, set };

  return (
    <Page title="发布任务">
      {needs.length ? (
        <View className="card">
          <Text className="t-bold block mb-16">{`回应 ${needs.length} 条居民需求（任务完成时自动办结）`}</Text>
          {needs.map((n) => (
            <Text key={n.id} className="item-line">{`#${n.id} ${n.title}（${NEED_STATUS_LABELS[n.status]}）`}</Text>
          ))}
        </View>
      ) : null}

      <TaskWhatFields {...fields} />
      <TaskWhenFields {...fields} now={now} />
      <TaskWhoFields {...fields} positions={positions} />

      {formError ? (
        <View className="notice notice-error" {...a11y(undefined, { role: 'alert' })}>
          <Text>{formError}</Text>
        </View>
      ) : null}
      <Btn onClick={() => void submit()} loading={!!action.busy} loadingText="正在发布…">
        发布任务
      </Btn>
    </Page>
  );
}
