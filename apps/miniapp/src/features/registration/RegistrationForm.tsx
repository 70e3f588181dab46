import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  PAGES,
  RegistrationStatus,
  SubscribeMoment,
  type CommunityPublicDto,
  type PrivacyNoticeDto,
  type RegistrationDto,
  type VerifiedPhoneDto,
} from '@sbd/contracts';
import { a11y } from '@/platform/a11y';
import { toast } from '@/platform/feedback';
import { openPage, replacePage } from '@/platform/nav';
import type { MeDto } from '@sbd/contracts';
import { hasErrors, type FormErrors } from '@/platform/validation';
import {
  emptyRegistrationForm,
  toSubmitRequest,
  validateRegistration,
  type RegistrationField,
  type RegistrationForm as Form,
} from './form';
import { Btn } from '@/ui/Button';
import { Field, SelectField, TextField } from '@/ui/Field';
import { FreeTimeGrid } from '@/ui/FreeTimeGrid';
import { useAction } from '@/ui/hooks/useAction';
import { PrivacyNotice } from '@/ui/PrivacyNotice';
import { ChipSelect, Checkbox } from '@/ui/Toggle';
import { askToSubscribe } from '@/features/subscriptions/subscribe';
import { useSubscribeMoment } from '@/features/subscriptions/useSubscribeMoment';
import { PhoneVerification } from './PhoneVerification';
import { UnitPicker } from './UnitPicker';
import { submitRegistration } from './service';
import { SectionTitle } from '@/ui/SectionTitle';

type SetField = <K extends keyof Form>(key: K, value: Form[K]) => void;

interface FieldsProps {
  community: CommunityPublicDto;
  form: Form;
  set: SetField;
  setForm: (update: (f: Form) => Form) => void;
  errors: FormErrors<RegistrationField>;
  verified: VerifiedPhoneDto | null;
  setVerified: (v: VerifiedPhoneDto) => void;
}

function formFromRegistration(r: RegistrationDto): Form {
  return emptyRegistrationForm({
    name: r.name,
    phone: '',
    workUnitId: r.workUnitId,
    workUnitName: r.workUnitName,
    unitPartyOrgName: r.unitPartyOrgName,
    buildingId: r.buildingId,
    residenceDetail: r.residenceDetail,
    skillsText: r.skills.join('，'),
    freeTime: r.freeTime,
    positionIds: r.positions.map((p) => p.id),
  });
}

/** The blank form for the signed-in user, or their rejected registration to correct. */
function initialForm(user: Pick<MeDto, 'name' | 'phone'> | null, existing: RegistrationDto | null): Form {
  const blank = emptyRegistrationForm({ name: user?.name ?? '', phone: user?.phone ?? '' });
  if (existing?.status !== RegistrationStatus.Rejected) return blank;
  return { ...formFromRegistration(existing), phone: blank.phone, name: existing.name || blank.name };
}

/** API field errors onto the form's fields (skills → the skills text, unit id → the unit name). */
function fieldErrors(details: { field: string; message: string }[]): FormErrors<RegistrationField> {
  const out: FormErrors<RegistrationField> = {};
  for (const d of details) {
    const key = (
      d.field === 'skills' ? 'skillsText' : d.field === 'workUnitId' ? 'workUnitName' : d.field
    ) as RegistrationField;
    if (!out[key]) out[key] = d.message;
  }
  return out;
}

/** 基本信息 and 工作单位. */
function PersonFields({ community, form, set, setForm, errors, verified, setVerified }: FieldsProps) {
  return (
    <>
      <SectionTitle>基本信息</SectionTitle>
      <View className="card">
        <TextField
          label="姓名"
          value={form.name}
          maxLength={20}
          onChange={(v) => set('name', v)}
          error={errors.name}
          required
        />
        <PhoneVerification
          phone={form.phone}
          onPhoneChange={(v) => set('phone', v)}
          verified={verified}
          onVerified={setVerified}
          error={errors.phone}
        />
        <TextField
          label="身份证号"
          kind="idcard"
          maxLength={18}
          value={form.idNumber}
          placeholder="选填"
          hint="选填。加密保存，只显示部分号码。"
          onChange={(v) => set('idNumber', v)}
          error={errors.idNumber}
        />
      </View>

      <SectionTitle>工作单位</SectionTitle>
      <View className="card">
        <UnitPicker
          nearby={community.workUnits}
          unitId={form.workUnitId}
          unitName={form.workUnitName}
          onPick={(u) => setForm((f) => ({ ...f, workUnitId: u?.id ?? null, workUnitName: u?.name ?? '' }))}
          onType={(v) => set('workUnitName', v)}
          error={errors.workUnitName}
        />
        <TextField
          label="所在单位党组织"
          value={form.unitPartyOrgName}
          maxLength={100}
          placeholder="如：某某局机关党委第一支部"
          onChange={(v) => set('unitPartyOrgName', v)}
          error={errors.unitPartyOrgName}
          required
        />
      </View>
    </>
  );
}

/** 居住地址 and 服务意愿. */
function ServiceFields({ community, form, set, errors }: FieldsProps) {
  const buildingOptions = community.buildings.map((b) => ({ value: b.id, label: b.name }));
  const positionOptions = community.positions.filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }));
  return (
    <>
      <SectionTitle>居住地址</SectionTitle>
      <View className="card">
        {buildingOptions.length > 0 ? (
          <SelectField
            label="小区 / 楼栋"
            options={buildingOptions}
            value={form.buildingId}
            onChange={(v) => set('buildingId', v)}
            placeholder="请选择所住小区或楼栋"
          />
        ) : null}
        <TextField
          label="详细地址"
          value={form.residenceDetail}
          maxLength={100}
          placeholder="如：3栋2单元501"
          onChange={(v) => set('residenceDetail', v)}
          error={errors.residenceDetail}
          required
        />
      </View>

      <SectionTitle>服务意愿</SectionTitle>
      <View className="card">
        <TextField
          label="技能特长"
          value={form.skillsText}
          maxLength={220}
          placeholder="如：法律咨询 理发 电脑维修"
          hint="多项请用逗号或空格分开，最多10项"
          onChange={(v) => set('skillsText', v)}
          error={errors.skillsText}
        />
        <Field label="空闲时间" hint="点选您能参加服务的时段，可多选">
          <FreeTimeGrid value={form.freeTime} onChange={(v) => set('freeTime', v)} />
        </Field>
        {positionOptions.length > 0 ? (
          <Field label="意向岗位" hint="可多选">
            <ChipSelect
              label="意向岗位"
              options={positionOptions}
              selected={form.positionIds}
              onChange={(v) => set('positionIds', v)}
            />
          </Field>
        ) : null}
      </View>
    </>
  );
}

/**
 * The 报到 form of a community: filled from the signed-in user (or their rejected registration),
 * validated here and by the API (field errors shown in place), then on to the status page.
 */
export function RegistrationForm({
  community,
  user,
  existing,
  notice,
  noticeError,
  onRetryNotice,
}: {
  community: CommunityPublicDto;
  user: Pick<MeDto, 'name' | 'phone'> | null;
  existing: RegistrationDto | null;
  notice: PrivacyNoticeDto | null;
  noticeError: string;
  onRetryNotice: () => Promise<void>;
}) {
  const [form, setForm] = useState<Form>(() => initialForm(user, existing));
  const [errors, setErrors] = useState<FormErrors<RegistrationField>>({});
  const [verified, setVerified] = useState<VerifiedPhoneDto | null>(null);
  const action = useAction();
  useSubscribeMoment(SubscribeMoment.AfterRegistration);
  const set: SetField = (key, value) => setForm((f) => ({ ...f, [key]: value }));
  const errorCount = Object.values(errors).filter(Boolean).length;
  const fields = { community, form, set, setForm, errors, verified, setVerified };

  const submit = async () => {
    const errs = validateRegistration(form, {
      consentVersion: notice?.version ?? null,
      verifiedPhone: verified?.phone ?? null,
    });
    setErrors(errs);
    if (hasErrors(errs)) {
      toast('请按提示修改标红的项目');
      return;
    }
    // WeChat's subscribe dialog (the review's outcome), from the tap itself.
    void askToSubscribe(SubscribeMoment.AfterRegistration);
    await action.run(
      () => submitRegistration(toSubmitRequest(form, community.code, (notice as PrivacyNoticeDto).version)),
      {
        success: '报到已提交',
        onSuccess: () => replacePage(PAGES.status),
        onError: (e) => setErrors(fieldErrors(e.details)),
      },
    );
  };

  return (
    <>
      {existing?.status === RegistrationStatus.Rejected ? (
        <View className="notice notice-error">
          <Text className="block">上次报到未通过，请修改后重新提交。</Text>
          {existing.rejectReason ? <Text className="block">{`原因：${existing.rejectReason}`}</Text> : null}
        </View>
      ) : null}

      {errorCount > 0 ? (
        <View className="notice notice-error" {...a11y(undefined, { role: 'alert' })}>
          <Text>{`有 ${errorCount} 项需要修改，请查看下方标红的提示。`}</Text>
        </View>
      ) : null}

      <PersonFields {...fields} />
      <ServiceFields {...fields} />

      <SectionTitle>隐私保护</SectionTitle>
      <View className="card">
        <PrivacyNotice notice={notice} error={noticeError} onRetry={() => void onRetryNotice()} />
        <Checkbox
          checked={form.consent}
          onChange={(v) => set('consent', v)}
          label={`我已阅读并同意${notice?.title ?? '隐私政策'}`}
        >
          <Text>{`我已阅读并同意《${notice?.title ?? '隐私政策'}》，同意社区使用以上信息安排服务`}</Text>
        </Checkbox>
        {errors.consent ? (
          <Text className="field-error" {...a11y(undefined, { role: 'alert' })}>{`！${errors.consent}`}</Text>
        ) : null}
      </View>

      <Btn onClick={() => void submit()} loading={!!action.busy} loadingText="正在提交…">
        提交报到
      </Btn>
      <Btn variant="plain" onClick={() => openPage(PAGES.status)}>
        查看我的报到
      </Btn>
    </>
  );
}
