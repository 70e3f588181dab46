import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { CommunityPublicDto, FreeTimeSlot, RegistrationDto, UpdateProfileRequest } from '@sbd/contracts';
import { goBack } from '@/platform/nav';
import { parseSkills, skillsError } from '@/platform/validation';
import { Btn } from '@/ui/Button';
import { SelectField, TextField } from '@/ui/Field';
import { FreeTimeGrid } from '@/ui/FreeTimeGrid';
import { useAction } from '@/ui/hooks/useAction';
import { ChipSelect } from '@/ui/Toggle';
import { updateMyProfile } from './service';
import { SectionTitle } from '@/ui/SectionTitle';

interface ProfileForm {
  skillsText: string;
  freeTime: FreeTimeSlot[];
  positionIds: number[];
  buildingId: number | null;
  residenceDetail: string;
}

function formOf(reg: RegistrationDto): ProfileForm {
  return {
    skillsText: reg.skills.join('，'),
    freeTime: reg.freeTime,
    positionIds: reg.positions.map((p) => p.id),
    buildingId: reg.buildingId,
    residenceDetail: reg.residenceDetail,
  };
}

/**
 * The editable part of a registration (skills, free time, positions, residence). Without the
 * community's profile the positions are shown read-only and not sent.
 */
export function ProfileEditor({
  reg,
  community,
  onSaved,
}: {
  reg: RegistrationDto;
  community: CommunityPublicDto | null;
  onSaved: (reg: RegistrationDto) => void;
}) {
  const [form, setForm] = useState<ProfileForm>(() => formOf(reg));
  const [errors, setErrors] = useState<{ skillsText?: string; residenceDetail?: string }>({});
  const action = useAction();

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
    await action.run(() => updateMyProfile(body), {
      success: '已保存',
      onSuccess: (saved) => {
        onSaved(saved);
        goBack();
      },
    });
  };

  const positionOptions = community
    ? community.positions.filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))
    : reg.positions.map((p) => ({ value: p.id, label: p.name }));

  return (
    <>
      <View className="card">
        <TextField
          label="技能特长"
          value={form.skillsText}
          maxLength={220}
          placeholder="如：法律咨询 理发 电脑维修"
          hint="多项请用逗号或空格分开，最多10项"
          onChange={(v) => setForm({ ...form, skillsText: v })}
          error={errors.skillsText}
        />
      </View>

      <SectionTitle>空闲时间</SectionTitle>
      <View className="card">
        <FreeTimeGrid value={form.freeTime} onChange={(v) => setForm({ ...form, freeTime: v })} />
      </View>

      <SectionTitle>意向岗位</SectionTitle>
      <View className="card">
        {community ? (
          <ChipSelect
            label="意向岗位"
            options={positionOptions}
            selected={form.positionIds}
            onChange={(v) => setForm({ ...form, positionIds: v })}
          />
        ) : (
          <View>
            <Text className="block">
              {reg.positions.length ? reg.positions.map((p) => p.name).join('、') : '未选择'}
            </Text>
            <Text className="t-s t-muted block mt-16">暂时读不到社区的岗位目录，请稍后重新打开本页修改岗位。</Text>
          </View>
        )}
      </View>

      <SectionTitle>居住地址</SectionTitle>
      <View className="card">
        {community && community.buildings.length > 0 ? (
          <SelectField
            label="小区 / 楼栋"
            options={community.buildings.map((b) => ({ value: b.id, label: b.name }))}
            value={form.buildingId}
            onChange={(v) => setForm({ ...form, buildingId: v })}
          />
        ) : null}
        <TextField
          label="详细地址"
          value={form.residenceDetail}
          maxLength={100}
          onChange={(v) => setForm({ ...form, residenceDetail: v })}
          error={errors.residenceDetail}
          required
        />
      </View>

      <Btn onClick={() => void save()} loading={!!action.busy} loadingText="正在保存…">
        保存
      </Btn>
    </>
  );
}
