import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  PAGES,
  NEED_STATUS_LABELS,
  TASK_CAPACITY_MAX,
  TASK_DESCRIPTION_MAX,
  TASK_KIND_LABELS,
  TASK_TARGET_LABELS,
  TASK_TITLE_MAX,
  TaskKind,
  TaskTarget,
  type NeedDto,
  type PositionDto,
} from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { RadioChips } from '@/ui/Choice';
import { Field, PickerField, TextAreaField, TextField } from '@/ui/Field';
import { Page } from '@/ui/Page';
import { Stepper } from '@/ui/Stepper';
import { ChipSelect, SwitchRow } from '@/ui/Toggle';
import { getNeed } from '@/features/needs/service';
import { fetchPositions } from '@/features/org/service';
import { attempt } from '@/platform/request';
import { communityAdminScope, useSession } from '@/platform/session';
import { createTask } from '@/features/tasks/service';
import { useNow } from '@/ui/hooks/useNow';
import { a11y } from '@/platform/a11y';
import { replacePage } from '@/platform/nav';
import {
  DURATION_OPTIONS,
  emptyTaskForm,
  formFromNeeds,
  startOptions,
  taskWindow,
  toCreateTaskRequest,
  validateTask,
  type TaskField,
  type TaskForm,
} from '@/features/tasks/form';
import { dateValue, formatRange } from '@/platform/time';
import { toast } from '@/platform/feedback';
import { hasErrors, type FormErrors } from '@/platform/validation';
import { AdminGate } from '@/packageAdmin/components/AdminGate';

const KIND_OPTIONS = (Object.keys(TASK_KIND_LABELS) as TaskKind[]).map((k) => ({ value: k, label: TASK_KIND_LABELS[k] }));
const TARGET_OPTIONS = (Object.keys(TASK_TARGET_LABELS) as TaskTarget[]).map((t) => ({ value: t, label: `面向${TASK_TARGET_LABELS[t]}` }));

export function parseNeedIds(raw: string | undefined): number[] {
  if (!raw) return [];
  return [...new Set(decodeURIComponent(raw).split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0))].slice(0, 20);
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
  const [busy, setBusy] = useState(false);
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

  if (!scope) return <AdminGate title='发布任务' loggedIn={!!session?.accessToken} />;

  const set = <K extends keyof TaskForm>(key: K, value: TaskForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (errors[key] || ((key === 'start' || key === 'customDate' || key === 'customTime') && errors.startAt)) {
      setErrors((e) => ({ ...e, [key]: undefined, startAt: undefined }));
    }
  };

  const { start, end } = taskWindow(form, now);

  const submit = async () => {
    const at = new Date();
    const errs = validateTask(form, at);
    setErrors(errs);
    setFormError('');
    if (hasErrors(errs)) {
      setFormError('请按红色提示修改后再发布');
      return;
    }
    setBusy(true);
    const r = await attempt(createTask(toCreateTaskRequest(form, communityId, at)));
    setBusy(false);
    if (!r.ok) {
      setFormError(r.error.message);
      return;
    }
    toast('任务已发布', 'success');
    replacePage(`${PAGES.adminTask}?id=${r.data.id}`);
  };

  return (
    <Page title='发布任务'>
      {needs.length ? (
        <View className='card'>
          <Text className='t-bold block mb-16'>{`回应 ${needs.length} 条居民需求（任务完成时自动办结）`}</Text>
          {needs.map((n) => (
            <Text key={n.id} className='item-line'>{`#${n.id} ${n.title}（${NEED_STATUS_LABELS[n.status]}）`}</Text>
          ))}
        </View>
      ) : null}

      <View className='card'>
        <Field label='任务类型' required>
          <RadioChips label='任务类型' options={KIND_OPTIONS} value={form.kind} onChange={(v) => set('kind', v)} />
        </Field>
        <TextField label='任务名称' value={form.title} onChange={(v) => set('title', v)} maxLength={TASK_TITLE_MAX} required error={errors.title} placeholder='如：3号楼楼道灯维修' />
        <TextAreaField
          label='服务内容'
          value={form.description}
          onChange={(v) => set('description', v)}
          maxLength={TASK_DESCRIPTION_MAX}
          required
          error={errors.description}
          placeholder='做什么、需要带什么、注意事项'
        />
        <TextField label='服务地点' value={form.place} onChange={(v) => set('place', v)} maxLength={255} required error={errors.place} placeholder='如：桃园小区3号楼2单元' />
      </View>

      <View className='card'>
        <Field label='开始时间' required error={errors.startAt}>
          <RadioChips label='开始时间' options={startOptions(now).map((o) => ({ value: o.value, label: o.label }))} value={form.start} onChange={(v) => set('start', v)} />
        </Field>
        {form.start === 'custom' ? (
          <View className='btn-row'>
            <View className='flex-1 mr-24'>
              <PickerField label='日期' mode='date' value={form.customDate} start={dateValue(now)} onChange={(v) => set('customDate', v)} />
            </View>
            <View className='flex-1'>
              <PickerField label='时间' mode='time' value={form.customTime} onChange={(v) => set('customTime', v)} />
            </View>
          </View>
        ) : null}
        <Field label='服务时长' required>
          <RadioChips label='服务时长' options={DURATION_OPTIONS} value={form.durationMinutes} onChange={(v) => set('durationMinutes', v)} />
        </Field>
        <View className='notice mb-0' {...a11y(undefined, { live: 'polite' })}>
          <Text>{start && end ? `时间：${formatRange(start.toISOString(), end.toISOString())}。报名在开始时截止，开始前30分钟可签到。` : '请选择开始日期和时间'}</Text>
        </View>
      </View>

      <View className='card'>
        <Field label='名额' required error={errors.capacity}>
          <Stepper label='名额' value={form.capacity} min={1} max={Math.min(TASK_CAPACITY_MAX, 200)} onChange={(v) => set('capacity', v)} unit='人' />
        </Field>
        <SwitchRow label='名额满后可候补' description='有人退出时，候补的党员按顺序转正' checked={form.waitlist} onChange={(v) => set('waitlist', v)} />
        <Field label='面向'>
          <RadioChips label='面向' options={TARGET_OPTIONS} value={form.target} onChange={(v) => set('target', v)} />
        </Field>
        {positions.length ? (
          <Field label='相关岗位（选填）' hint='有岗位的党员优先报名1小时并收到通知'>
            <ChipSelect label='相关岗位' options={positions.map((p) => ({ value: p.id, label: p.name }))} selected={form.positionIds} onChange={(v) => set('positionIds', v)} max={8} />
          </Field>
        ) : null}
      </View>

      {formError ? (
        <View className='notice notice-error' {...a11y(undefined, { role: 'alert' })}>
          <Text>{formError}</Text>
        </View>
      ) : null}
      <Btn onClick={() => void submit()} loading={busy} loadingText='正在发布…'>
        发布任务
      </Btn>
    </Page>
  );
}
