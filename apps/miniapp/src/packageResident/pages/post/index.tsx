import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  PAGES,
  NEED_CATEGORY_LABELS,
  NEED_DESCRIPTION_MAX,
  NEED_MAX_PHOTOS,
  NEED_STATUS_LABELS,
  NEED_TITLE_MAX,
  NeedCategory,
  type NeedDuplicateSuggestionDto,
} from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { RadioChips } from '@/ui/Choice';
import { Field, PickerField, SelectField, TextAreaField, TextField, type SelectOption } from '@/ui/Field';
import { Gate } from '@/ui/Gate';
import { Page } from '@/ui/Page';
import { PhotoPicker } from '@/ui/Photos';
import { SwitchRow } from '@/ui/Toggle';
import { createNeed, findDuplicates, plusOne } from '@/features/needs/service';
import { fetchCommunityProfile } from '@/features/org/service';
import { attempt } from '@/platform/request';
import { needCommunity, useSession } from '@/platform/session';
import { a11y } from '@/platform/a11y';
import { formatDate } from '@/platform/format';
import { openPage, replacePage } from '@/platform/nav';
import {
  duplicateQueryReady,
  emptyNeedForm,
  EXPECTED_LABELS,
  toCreateNeedRequest,
  validateNeed,
  type ExpectedChoice,
  type NeedField,
  type NeedForm,
} from '@/features/needs/form';
import { dateValue } from '@/platform/time';
import { toast } from '@/platform/feedback';
import { hasErrors, type FormErrors } from '@/platform/validation';
import './index.css';

const CATEGORY_OPTIONS = (Object.keys(NEED_CATEGORY_LABELS) as NeedCategory[]).map((c) => ({ value: c, label: NEED_CATEGORY_LABELS[c] }));
const EXPECTED_OPTIONS = (Object.keys(EXPECTED_LABELS) as ExpectedChoice[]).map((v) => ({ value: v, label: EXPECTED_LABELS[v] }));
const NO_BUILDING = 0;
const DUPLICATE_DELAY_MS = 600;

/** API field names (details[].field) → form fields. */
const API_FIELDS: Record<string, NeedField> = {
  category: 'category',
  title: 'title',
  description: 'description',
  place: 'place',
  photos: 'photos',
  expectedAt: 'expectedDate',
  'onBehalfOf.name': 'proxyName',
  'onBehalfOf.phone': 'proxyPhone',
};

interface Suggestion extends NeedDuplicateSuggestionDto {
  /** This user said +1 on this page. */
  mine?: boolean;
}

/** 居民点单: what, where, when, photos; likely duplicates ("同一件事 +1") are shown before posting. */
export default function PostNeedPage() {
  const session = useSession();
  const community = needCommunity(session);
  const [form, setForm] = useState<NeedForm>(() => emptyNeedForm({ proxy: !!community?.asStaff }));
  const [errors, setErrors] = useState<FormErrors<NeedField>>({});
  const [formError, setFormError] = useState('');
  const [buildings, setBuildings] = useState<SelectOption<number>[]>([]);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  /** The form text the shown suggestions were computed for. */
  const [checkedKey, setCheckedKey] = useState('');
  const [plusBusy, setPlusBusy] = useState(0);
  const [busy, setBusy] = useState(false);
  const checkSeq = useRef(0);

  const communityId = community?.communityId ?? 0;
  const dupKey = `${form.category ?? ''}|${form.title.trim()}|${form.buildingId ?? ''}`;

  // Buildings from the community's public profile (by id: the community of the resident, member or
  // staff role); without it the form simply has no building picker.
  useEffect(() => {
    if (!communityId) return;
    let live = true;
    void attempt(fetchCommunityProfile(communityId)).then((r) => {
      if (live && r.ok) setBuildings(r.data.buildings.map((b) => ({ value: b.id, label: b.name })));
    });
    return () => {
      live = false;
    };
  }, [communityId]);

  const checkDuplicates = async (f: NeedForm): Promise<Suggestion[]> => {
    const seq = ++checkSeq.current;
    const key = `${f.category ?? ''}|${f.title.trim()}|${f.buildingId ?? ''}`;
    const r = await attempt(
      findDuplicates({
        communityId,
        category: f.category as NeedCategory,
        title: f.title.trim(),
        ...(f.description.trim() ? { description: f.description.trim().slice(0, NEED_DESCRIPTION_MAX) } : {}),
        ...(f.buildingId ? { buildingId: f.buildingId } : {}),
      }),
    );
    const found = r.ok ? r.data : [];
    if (seq === checkSeq.current) {
      setSuggestions((prev) => found.map((s) => ({ ...s, mine: prev.some((p) => p.id === s.id && p.mine) })));
      setCheckedKey(key);
    }
    return found;
  };

  // Ask while the resident types (debounced), so suggestions appear before they post.
  useEffect(() => {
    if (!communityId || !duplicateQueryReady(form) || Array.from(form.title.trim()).length > NEED_TITLE_MAX) return;
    const t = setTimeout(() => void checkDuplicates(form), DUPLICATE_DELAY_MS);
    return () => clearTimeout(t);
  }, [dupKey]);

  if (!community) {
    return <Gate title='我要点单' loggedIn={!!session?.accessToken} need='请先在社区报到或以社区居民身份注册后再提交需求。' />;
  }

  const set = <K extends NeedField>(key: K, value: NeedForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const doPlusOne = async (s: Suggestion) => {
    setPlusBusy(s.id);
    const r = await attempt(plusOne(s.id));
    setPlusBusy(0);
    if (!r.ok) return;
    setSuggestions((list) => list.map((x) => (x.id === s.id ? { ...x, plusOneCount: r.data.plusOneCount, mine: true } : x)));
    toast(r.data.added ? '已 +1，社区会一并办理' : '您已经 +1 过了');
  };

  const submit = async () => {
    const errs = validateNeed(form);
    setErrors(errs);
    setFormError('');
    if (hasErrors(errs)) {
      setFormError('请按红色提示修改后再提交');
      return;
    }
    // The duplicates for exactly this text must have been on screen before posting.
    if (checkedKey !== dupKey) {
      setBusy(true);
      const found = await checkDuplicates(form);
      setBusy(false);
      if (found.length) {
        setFormError('发现相似的需求：如果是同一件事，点“+1”即可，不用重复提交');
        return;
      }
    }
    setBusy(true);
    const r = await attempt(createNeed(toCreateNeedRequest(form, communityId)));
    setBusy(false);
    if (!r.ok) {
      const fieldErrs: FormErrors<NeedField> = {};
      for (const d of r.error.details) {
        const f = API_FIELDS[d.field];
        if (f && !fieldErrs[f]) fieldErrs[f] = d.message;
      }
      setErrors(fieldErrs);
      setFormError(r.error.message);
      return;
    }
    toast('已提交', 'success');
    replacePage(`${PAGES.need}?id=${r.data.id}`);
  };

  const anyMine = suggestions.some((s) => s.mine);

  return (
    <Page title={community.asStaff ? '代居民点单' : '我要点单'}>
      <Text className='t-s t-muted block mb-32'>
        {`${community.communityName} · 说说您需要什么帮助，社区会安排党员志愿者上门服务。`}
      </Text>

      {community.asStaff ? (
        <View className='card'>
          <SwitchRow label='代居民提交' description='为不会使用手机的居民登记需求' checked={form.proxy} onChange={(v) => set('proxy', v)} />
          {form.proxy ? (
            <View className='mt-24'>
              <TextField label='居民姓名' value={form.proxyName} onChange={(v) => set('proxyName', v)} maxLength={50} required error={errors.proxyName} />
              <TextField
                label='居民电话'
                kind='phone'
                maxLength={11}
                value={form.proxyPhone}
                onChange={(v) => set('proxyPhone', v)}
                error={errors.proxyPhone}
                hint='选填，便于党员联系'
              />
            </View>
          ) : null}
        </View>
      ) : null}

      <View className='card'>
        <Field label='需求类别' required error={errors.category}>
          <RadioChips label='需求类别' options={CATEGORY_OPTIONS} value={form.category} onChange={(v) => set('category', v)} />
        </Field>
        <TextField
          label='需求标题'
          value={form.title}
          onChange={(v) => set('title', v)}
          maxLength={NEED_TITLE_MAX}
          placeholder='一句话说清楚，如：3号楼楼道灯坏了'
          required
          error={errors.title}
          hint={`${Array.from(form.title).length}/${NEED_TITLE_MAX}`}
        />
        <TextAreaField
          label='具体情况'
          value={form.description}
          onChange={(v) => set('description', v)}
          maxLength={NEED_DESCRIPTION_MAX}
          placeholder='什么问题、持续多久、需要怎样的帮助'
          required
          error={errors.description}
        />
      </View>

      {suggestions.length ? (
        <View className='card dup' {...a11y(undefined, { role: 'status', live: 'polite' })}>
          <Text className='t-l t-bold block'>
            是不是同一件事？
          </Text>
          <Text className='t-s t-muted block need-hint'>
            社区里已经有人提过相似的需求。是同一件事就点“+1”，社区会一并办理，不用重复提交。
          </Text>
          {suggestions.map((s) => (
            <View key={s.id} className='dup-item'>
              <Text className='t-m t-bold block'>
                {s.title}
              </Text>
              <Text className='item-line'>
                {[NEED_CATEGORY_LABELS[s.category], s.buildingName, `${NEED_STATUS_LABELS[s.status]}`, formatDate(s.createdAt)].filter(Boolean).join(' · ')}
              </Text>
              <Text className='item-line'>{s.plusOneCount ? `已有${s.plusOneCount}人 +1` : '还没有其他人 +1'}</Text>
              <View className='mt-24'>
                {s.mine ? (
                  <Btn variant='plain' disabled>
                    {`✓ 已 +1（共${s.plusOneCount}人）`}
                  </Btn>
                ) : (
                  <Btn variant='secondary' onClick={() => void doPlusOne(s)} loading={plusBusy === s.id} label={`同一件事 +1：${s.title}`}>
                    同一件事 +1
                  </Btn>
                )}
              </View>
            </View>
          ))}
          {anyMine ? (
            <View className='mt-24'>
              <Btn onClick={() => openPage(PAGES.myNeeds)}>完成，查看我的需求</Btn>
            </View>
          ) : null}
        </View>
      ) : null}

      <View className='card'>
        {buildings.length ? (
          <SelectField
            label='小区/楼栋'
            options={[{ value: NO_BUILDING, label: '不选择' }, ...buildings]}
            value={form.buildingId ?? NO_BUILDING}
            onChange={(v) => set('buildingId', v || null)}
          />
        ) : null}
        <TextField
          label='具体位置'
          value={form.place}
          onChange={(v) => set('place', v)}
          maxLength={100}
          placeholder='如：3号楼2单元3楼楼道'
          error={errors.place}
          hint='选填'
        />
        <Field label='希望什么时候办' error={errors.expectedDate}>
          <RadioChips label='希望什么时候办' options={EXPECTED_OPTIONS} value={form.expected} onChange={(v) => set('expected', v)} />
        </Field>
        {form.expected === 'date' ? (
          <PickerField
            label='日期'
            mode='date'
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

      {formError ? (
        <View className='notice notice-error' {...a11y(undefined, { role: 'alert' })}>
          <Text>{formError}</Text>
        </View>
      ) : null}
      <Btn onClick={() => void submit()} loading={busy} loadingText='正在提交…'>
        {suggestions.length && checkedKey === dupKey ? '不是同一件事，提交新需求' : '提交需求'}
      </Btn>
      <Text className='t-s t-muted block mt-32'>
        提交后可在“我的需求”查看办理进度；内容需经社区审核后公开。
      </Text>
    </Page>
  );
}
