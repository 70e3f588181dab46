import { Text, View } from '@tarojs/components';
import {
  TASK_CAPACITY_MAX,
  TASK_DESCRIPTION_MAX,
  TASK_KIND_LABELS,
  TASK_TARGET_LABELS,
  TASK_TITLE_MAX,
  TaskKind,
  TaskTarget,
  type PositionDto,
} from '@sbd/contracts';
import { a11y } from '@/platform/a11y';
import { dateValue, formatRange } from '@/platform/time';
import type { FormErrors } from '@/platform/validation';
import { RadioChips } from '@/ui/Choice';
import { Field, PickerField, TextAreaField, TextField } from '@/ui/Field';
import { Stepper } from '@/ui/Stepper';
import { ChipSelect, SwitchRow } from '@/ui/Toggle';
import { DURATION_OPTIONS, startOptions, taskWindow, type TaskField, type TaskForm } from './form';

const KIND_OPTIONS = (Object.keys(TASK_KIND_LABELS) as TaskKind[]).map((k) => ({
  value: k,
  label: TASK_KIND_LABELS[k],
}));
const TARGET_OPTIONS = (Object.keys(TASK_TARGET_LABELS) as TaskTarget[]).map((t) => ({
  value: t,
  label: `面向${TASK_TARGET_LABELS[t]}`,
}));

export interface TaskFieldsProps {
  form: TaskForm;
  errors: FormErrors<TaskField>;
  set: <K extends keyof TaskForm>(key: K, value: TaskForm[K]) => void;
}

/** What and where: kind, title, description, place. */
export function TaskWhatFields({ form, errors, set }: TaskFieldsProps) {
  return (
    <View className="card">
      <Field label="任务类型" required>
        <RadioChips label="任务类型" options={KIND_OPTIONS} value={form.kind} onChange={(v) => set('kind', v)} />
      </Field>
      <TextField
        label="任务名称"
        value={form.title}
        onChange={(v) => set('title', v)}
        maxLength={TASK_TITLE_MAX}
        required
        error={errors.title}
        placeholder="如：3号楼楼道灯维修"
      />
      <TextAreaField
        label="服务内容"
        value={form.description}
        onChange={(v) => set('description', v)}
        maxLength={TASK_DESCRIPTION_MAX}
        required
        error={errors.description}
        placeholder="做什么、需要带什么、注意事项"
      />
      <TextField
        label="服务地点"
        value={form.place}
        onChange={(v) => set('place', v)}
        maxLength={255}
        required
        error={errors.place}
        placeholder="如：桃园小区3号楼2单元"
      />
    </View>
  );
}

/** When: start (quick choices or a date and time), duration, and the resulting window. */
export function TaskWhenFields({ form, errors, set, now }: TaskFieldsProps & { now: Date }) {
  const { start, end } = taskWindow(form, now);
  return (
    <View className="card">
      <Field label="开始时间" required error={errors.startAt}>
        <RadioChips
          label="开始时间"
          options={startOptions(now).map((o) => ({ value: o.value, label: o.label }))}
          value={form.start}
          onChange={(v) => set('start', v)}
        />
      </Field>
      {form.start === 'custom' ? (
        <View className="btn-row">
          <View className="flex-1 mr-24">
            <PickerField
              label="日期"
              mode="date"
              value={form.customDate}
              start={dateValue(now)}
              onChange={(v) => set('customDate', v)}
            />
          </View>
          <View className="flex-1">
            <PickerField label="时间" mode="time" value={form.customTime} onChange={(v) => set('customTime', v)} />
          </View>
        </View>
      ) : null}
      <Field label="服务时长" required>
        <RadioChips
          label="服务时长"
          options={DURATION_OPTIONS}
          value={form.durationMinutes}
          onChange={(v) => set('durationMinutes', v)}
        />
      </Field>
      <View className="notice mb-0" {...a11y(undefined, { live: 'polite' })}>
        <Text>
          {start && end
            ? `时间：${formatRange(start.toISOString(), end.toISOString())}。报名在开始时截止，开始前30分钟可签到。`
            : '请选择开始日期和时间'}
        </Text>
      </View>
    </View>
  );
}

/** Who: capacity, waitlist, target group, related positions. */
export function TaskWhoFields({ form, errors, set, positions }: TaskFieldsProps & { positions: PositionDto[] }) {
  return (
    <View className="card">
      <Field label="名额" required error={errors.capacity}>
        <Stepper
          label="名额"
          value={form.capacity}
          min={1}
          max={Math.min(TASK_CAPACITY_MAX, 200)}
          onChange={(v) => set('capacity', v)}
          unit="人"
        />
      </Field>
      <SwitchRow
        label="名额满后可候补"
        description="有人退出时，候补的党员按顺序转正"
        checked={form.waitlist}
        onChange={(v) => set('waitlist', v)}
      />
      <Field label="面向">
        <RadioChips label="面向" options={TARGET_OPTIONS} value={form.target} onChange={(v) => set('target', v)} />
      </Field>
      {positions.length ? (
        <Field label="相关岗位（选填）" hint="有岗位的党员优先报名1小时并收到通知">
          <ChipSelect
            label="相关岗位"
            options={positions.map((p) => ({ value: p.id, label: p.name }))}
            selected={form.positionIds}
            onChange={(v) => set('positionIds', v)}
            max={8}
          />
        </Field>
      ) : null}
    </View>
  );
}
