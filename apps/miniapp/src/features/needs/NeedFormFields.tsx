import { View } from '@tarojs/components';
import {
  NEED_CATEGORY_LABELS,
  NEED_DESCRIPTION_MAX,
  NEED_MAX_PHOTOS,
  NEED_TITLE_MAX,
  NeedCategory,
} from '@sbd/contracts';
import { dateValue } from '@/platform/time';
import type { FormErrors } from '@/platform/validation';
import { RadioChips } from '@/ui/Choice';
import { Field, PickerField, SelectField, TextAreaField, TextField, type SelectOption } from '@/ui/Field';
import { PhotoPicker } from '@/ui/Photos';
import { SwitchRow } from '@/ui/Toggle';
import { EXPECTED_LABELS, type ExpectedChoice, type NeedField, type NeedForm } from './form';

const CATEGORY_OPTIONS = (Object.keys(NEED_CATEGORY_LABELS) as NeedCategory[]).map((c) => ({
  value: c,
  label: NEED_CATEGORY_LABELS[c],
}));
const EXPECTED_OPTIONS = (Object.keys(EXPECTED_LABELS) as ExpectedChoice[]).map((v) => ({
  value: v,
  label: EXPECTED_LABELS[v],
}));
const NO_BUILDING = 0;

export interface NeedFieldsProps {
  form: NeedForm;
  errors: FormErrors<NeedField>;
  set: <K extends NeedField>(key: K, value: NeedForm[K]) => void;
}

/** Staff only: 代居民提交, with the resident's name and phone. */
export function ProxyFields({ form, errors, set }: NeedFieldsProps) {
  return (
    <View className="card">
      <SwitchRow
        label="代居民提交"
        description="为不会使用手机的居民登记需求"
        checked={form.proxy}
        onChange={(v) => set('proxy', v)}
      />
      {form.proxy ? (
        <View className="mt-24">
          <TextField
            label="居民姓名"
            value={form.proxyName}
            onChange={(v) => set('proxyName', v)}
            maxLength={50}
            required
            error={errors.proxyName}
          />
          <TextField
            label="居民电话"
            kind="phone"
            maxLength={11}
            value={form.proxyPhone}
            onChange={(v) => set('proxyPhone', v)}
            error={errors.proxyPhone}
            hint="选填，便于党员联系"
          />
        </View>
      ) : null}
    </View>
  );
}

/** What is needed: category, title, description. */
export function NeedWhatFields({ form, errors, set }: NeedFieldsProps) {
  return (
    <View className="card">
      <Field label="需求类别" required error={errors.category}>
        <RadioChips
          label="需求类别"
          options={CATEGORY_OPTIONS}
          value={form.category}
          onChange={(v) => set('category', v)}
        />
      </Field>
      <TextField
        label="需求标题"
        value={form.title}
        onChange={(v) => set('title', v)}
        maxLength={NEED_TITLE_MAX}
        placeholder="一句话说清楚，如：3号楼楼道灯坏了"
        required
        error={errors.title}
        hint={`${Array.from(form.title).length}/${NEED_TITLE_MAX}`}
      />
      <TextAreaField
        label="具体情况"
        value={form.description}
        onChange={(v) => set('description', v)}
        maxLength={NEED_DESCRIPTION_MAX}
        placeholder="什么问题、持续多久、需要怎样的帮助"
        required
        error={errors.description}
      />
    </View>
  );
}

/** Where and when: building, place, expected date, photos. */
export function NeedWhereFields({
  form,
  errors,
  set,
  buildings,
}: NeedFieldsProps & { buildings: SelectOption<number>[] }) {
  return (
    <View className="card">
      {buildings.length ? (
        <SelectField
          label="小区/楼栋"
          options={[{ value: NO_BUILDING, label: '不选择' }, ...buildings]}
          value={form.buildingId ?? NO_BUILDING}
          onChange={(v) => set('buildingId', v || null)}
        />
      ) : null}
      <TextField
        label="具体位置"
        value={form.place}
        onChange={(v) => set('place', v)}
        maxLength={100}
        placeholder="如：3号楼2单元3楼楼道"
        error={errors.place}
        hint="选填"
      />
      <Field label="希望什么时候办" error={errors.expectedDate}>
        <RadioChips
          label="希望什么时候办"
          options={EXPECTED_OPTIONS}
          value={form.expected}
          onChange={(v) => set('expected', v)}
        />
      </Field>
      {form.expected === 'date' ? (
        <PickerField
          label="日期"
          mode="date"
          value={form.expectedDate}
          start={dateValue(new Date())}
          onChange={(v) => set('expectedDate', v)}
          error={errors.expectedDate}
        />
      ) : null}
      <Field label={`照片（选填，最多${NEED_MAX_PHOTOS}张）`} error={errors.photos}>
        <PhotoPicker value={form.photos} onChange={(v) => set('photos', v)} max={NEED_MAX_PHOTOS} />
      </Field>
    </View>
  );
}
