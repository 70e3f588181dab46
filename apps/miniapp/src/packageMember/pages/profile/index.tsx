import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { PAGES } from '@sbd/contracts';
import type { CommunityPublicDto, FreeTimeSlot, RegistrationDto, UpdateProfileRequest } from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { SelectField, TextField } from '@/ui/Field';
import { FreeTimeGrid } from '@/ui/FreeTimeGrid';
import { Page } from '@/ui/Page';
import { ErrorState, Loading } from '@/ui/States';
import { ChipSelect } from '@/ui/Toggle';
import { fetchCommunityProfile } from '@/features/org/service';
import { fetchMyRegistration, updateMyProfile } from '@/features/registration/service';
import { attempt } from '@/platform/request';
import { isLoggedIn } from '@/platform/session';
import { goBack, goLogin, replacePage } from '@/platform/nav';
import { parseSkills, skillsError } from '@/platform/validation';

interface ProfileForm {
  skillsText: string;
  freeTime: FreeTimeSlot[];
  positionIds: number[];
  buildingId: number | null;
  residenceDetail: string;
}

/** 服务信息: skills, free time, positions and residence, editable after registering. */
export default function ProfilePage() {
  const [reg, setReg] = useState<RegistrationDto | null>(null);
  const [community, setCommunity] = useState<CommunityPublicDto | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'none' | 'error'>('loading');
  const [error, setError] = useState('');
  const [form, setForm] = useState<ProfileForm>({ skillsText: '', freeTime: [], positionIds: [], buildingId: null, residenceDetail: '' });
  const [errors, setErrors] = useState<{ skillsText?: string; residenceDetail?: string }>({});
  const [saving, setSaving] = useState(false);

  const load = async () => {
    if (!isLoggedIn()) {
      goLogin();
      return;
    }
    setState('loading');
    const r = await attempt(fetchMyRegistration());
    if (!r.ok) {
      setError(r.error.message);
      setState('error');
      return;
    }
    if (!r.data) {
      setState('none');
      return;
    }
    const data = r.data;
    setReg(data);
    setForm({
      skillsText: data.skills.join('，'),
      freeTime: data.freeTime,
      positionIds: data.positions.map((p) => p.id),
      buildingId: data.buildingId,
      residenceDetail: data.residenceDetail,
    });
    const c = await attempt(fetchCommunityProfile(data.communityId));
    if (c.ok && c.data.id === data.communityId) setCommunity(c.data);
    setState('ready');
  };

  useLoad(() => void load());

  const save = async () => {
    const skills = parseSkills(form.skillsText);
    const errs = {
      skillsText: skillsError(skills),
      residenceDetail: form.residenceDetail.trim() ? undefined : '请填写居住地址，如：3栋2单元501',
    };
    setErrors(errs);
    if (errs.skillsText || errs.residenceDetail) return;
    const body: UpdateProfileRequest = {
      skills,
      freeTime: form.freeTime,
      residenceDetail: form.residenceDetail.trim(),
      ...(community ? { positionIds: form.positionIds } : {}),
      ...(form.buildingId ? { buildingId: form.buildingId } : {}),
    };
    setSaving(true);
    const r = await attempt(updateMyProfile(body));
    setSaving(false);
    if (r.ok) {
      setReg(r.data);
      Promise.resolve(Taro.showToast({ title: '已保存', icon: 'success' })).catch(() => undefined);
      goBack();
    }
  };

  if (state === 'loading') {
    return (
      <Page title='服务信息'>
        <Loading />
      </Page>
    );
  }
  if (state === 'error') {
    return (
      <Page title='服务信息'>
        <ErrorState message={error} onRetry={() => void load()} />
      </Page>
    );
  }
  if (state === 'none' || !reg) {
    return (
      <Page title='服务信息'>
        <View className='card'>
          <Text className='block mb-32'>请先完成社区报到。</Text>
          <Btn onClick={() => replacePage(PAGES.register)}>去报到</Btn>
        </View>
      </Page>
    );
  }

  const positionOptions = community
    ? community.positions.filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))
    : reg.positions.map((p) => ({ value: p.id, label: p.name }));

  return (
    <Page title='服务信息'>
      <Text className='t-s t-muted block mb-32'>
        {`报到社区：${reg.communityName}。社区会按您的技能、空闲时间和岗位安排服务。`}
      </Text>

      <View className='card'>
        <TextField
          label='技能特长'
          value={form.skillsText}
          maxLength={220}
          placeholder='如：法律咨询 理发 电脑维修'
          hint='多项请用逗号或空格分开，最多10项'
          onChange={(v) => setForm({ ...form, skillsText: v })}
          error={errors.skillsText}
        />
      </View>

      <Text className='section-title'>空闲时间</Text>
      <View className='card'>
        <FreeTimeGrid value={form.freeTime} onChange={(v) => setForm({ ...form, freeTime: v })} />
      </View>

      <Text className='section-title'>意向岗位</Text>
      <View className='card'>
        {community ? (
          <ChipSelect label='意向岗位' options={positionOptions} selected={form.positionIds} onChange={(v) => setForm({ ...form, positionIds: v })} />
        ) : (
          <View>
            <Text className='block'>{reg.positions.length ? reg.positions.map((p) => p.name).join('、') : '未选择'}</Text>
            <Text className='t-s t-muted block mt-16'>
              暂时读不到社区的岗位目录，请稍后重新打开本页修改岗位。
            </Text>
          </View>
        )}
      </View>

      <Text className='section-title'>居住地址</Text>
      <View className='card'>
        {community && community.buildings.length > 0 ? (
          <SelectField
            label='小区 / 楼栋'
            options={community.buildings.map((b) => ({ value: b.id, label: b.name }))}
            value={form.buildingId}
            onChange={(v) => setForm({ ...form, buildingId: v })}
          />
        ) : null}
        <TextField
          label='详细地址'
          value={form.residenceDetail}
          maxLength={100}
          onChange={(v) => setForm({ ...form, residenceDetail: v })}
          error={errors.residenceDetail}
          required
        />
      </View>

      <Btn onClick={save} loading={saving} loadingText='正在保存…'>
        保存
      </Btn>
    </Page>
  );
}
