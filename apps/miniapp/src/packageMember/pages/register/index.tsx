import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { PAGES, RegistrationStatus, type CommunityPublicDto, type PrivacyNoticeDto, type RegistrationDto } from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { Field, SelectField, TextField, type SelectOption } from '@/ui/Field';
import { FreeTimeGrid } from '@/ui/FreeTimeGrid';
import { Page } from '@/ui/Page';
import { PrivacyNotice } from '@/ui/PrivacyNotice';
import { ErrorState, Loading } from '@/ui/States';
import { StatusBadge } from '@/ui/StatusBadge';
import { ChipSelect, Checkbox } from '@/ui/Toggle';
import { isWeapp } from '@/platform/env';
import { fetchPrivacyNotice } from '@/features/auth/service';
import { fetchCommunityByCode, fetchMyRegistration, submitRegistration } from '@/features/registration/service';
import { attempt } from '@/platform/request';
import { useSession } from '@/platform/session';
import { a11y } from '@/platform/a11y';
import { communityCodeFromParams, communityCodeFromScan, normalizeCode } from '@/features/org/community';
import { rememberCommunityCode } from '@/features/org/communityCodes';
import { goLogin, openPage, replacePage } from '@/platform/nav';
import {
  emptyRegistrationForm,
  hasErrors,
  toSubmitRequest,
  validateRegistration,
  type FormErrors,
  type RegistrationField,
  type RegistrationForm,
} from '@/platform/validation';

const OTHER_UNIT = -1;

function formFromRegistration(r: RegistrationDto): RegistrationForm {
  return emptyRegistrationForm({
    name: r.name,
    phone: '',
    workUnitId: r.workUnitId,
    workUnitName: r.workUnitId ? '' : r.workUnitName,
    unitPartyOrgName: r.unitPartyOrgName,
    buildingId: r.buildingId,
    residenceDetail: r.residenceDetail,
    skillsText: r.skills.join('，'),
    freeTime: r.freeTime,
    positionIds: r.positions.map((p) => p.id),
  });
}

/** Step 0: no community code in the link — type it or scan the community's code. */
function CodeEntry({ onCode, error }: { onCode: (code: string) => void; error: string }) {
  const [text, setText] = useState('');
  const [inputError, setInputError] = useState('');
  const submit = () => {
    const code = normalizeCode(text);
    if (!code) {
      setInputError('请输入正确的社区编码（字母或数字）');
      return;
    }
    setInputError('');
    onCode(code);
  };
  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false });
      const code = communityCodeFromScan(res);
      if (code) onCode(code);
      else setInputError('没有识别到社区二维码，请重试或手动输入编码');
    } catch {
      // cancelled
    }
  };
  return (
    <View className='card'>
      <Text className='block mb-32'>
        请扫描所住社区张贴的「双报到」二维码，或输入社区工作人员提供的社区编码。
      </Text>
      {error ? <ErrorState message={error} /> : null}
      <Field label='社区编码' required error={inputError}>
        <Input
          className='input'
          value={text}
          placeholder='例如：XF0101'
          placeholderClass='input-placeholder'
          maxlength={64}
          onInput={(e) => setText(e.detail.value)}
          onConfirm={submit}
          {...a11y('社区编码')}
        />
      </Field>
      <Btn onClick={submit}>确定</Btn>
      {isWeapp() ? (
        <Btn variant='secondary' onClick={scan}>
          扫一扫社区二维码
        </Btn>
      ) : null}
    </View>
  );
}

function CommunityHeader({ community }: { community: CommunityPublicDto }) {
  const place = [community.districtName, community.streetName].filter(Boolean).join(' · ');
  return (
    <View className='card'>
      <Text className='t-s t-muted block'>
        报到社区
      </Text>
      <Text className='t-xl t-bold block'>
        {community.name}
      </Text>
      {place ? <Text className='t-s t-muted block'>{place}</Text> : null}
      {community.address ? <Text className='t-s t-muted block'>{community.address}</Text> : null}
    </View>
  );
}

export default function RegisterPage() {
  const router = useRouter();
  const session = useSession();
  const loggedIn = !!session?.accessToken;
  const user = session?.user ?? null;

  const [code, setCode] = useState<string | null>(() => communityCodeFromParams(router.params));
  const [community, setCommunity] = useState<CommunityPublicDto | null>(null);
  const [loadError, setLoadError] = useState('');
  const [codeError, setCodeError] = useState('');
  const [loading, setLoading] = useState(false);
  const [existing, setExisting] = useState<RegistrationDto | null>(null);
  const [notice, setNotice] = useState<PrivacyNoticeDto | null>(null);
  const [noticeError, setNoticeError] = useState('');
  const [form, setForm] = useState<RegistrationForm>(() => emptyRegistrationForm({ name: user?.name ?? '', phone: user?.phone ?? '' }));
  const [errors, setErrors] = useState<FormErrors<RegistrationField>>({});
  const [submitting, setSubmitting] = useState(false);

  const loadNotice = async () => {
    setNoticeError('');
    const r = await attempt(fetchPrivacyNotice());
    if (r.ok) setNotice(r.data);
    else setNoticeError(`隐私政策加载失败：${r.error.message}`);
  };

  const load = async (c: string) => {
    setLoading(true);
    setLoadError('');
    const [cr, rr] = await Promise.all([
      attempt(fetchCommunityByCode(c)),
      loggedIn ? attempt(fetchMyRegistration()) : Promise.resolve(null),
      loadNotice(),
    ]);
    setLoading(false);
    if (!cr.ok) {
      if (cr.error.status === 404) {
        setCode(null);
        setCodeError(`没有找到编码为「${c}」的社区，请核对后重新输入`);
      } else {
        setLoadError(cr.error.message);
      }
      return;
    }
    setCommunity(cr.data);
    rememberCommunityCode(cr.data.id, cr.data.code);
    if (rr && rr.ok && rr.data) {
      setExisting(rr.data);
      if (rr.data.status === RegistrationStatus.Rejected) {
        setForm((f) => ({ ...formFromRegistration(rr.data as RegistrationDto), phone: f.phone, name: rr.data?.name || f.name }));
      }
    }
  };

  useEffect(() => {
    if (code) void load(code);
  }, [code, loggedIn]);

  const set = <K extends keyof RegistrationForm>(key: K, value: RegistrationForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async () => {
    if (!community || !code) return;
    const errs = validateRegistration(form, { consentVersion: notice?.version ?? null });
    setErrors(errs);
    if (hasErrors(errs)) {
      Promise.resolve(Taro.showToast({ title: '请按提示修改标红的项目', icon: 'none' })).catch(() => undefined);
      return;
    }
    setSubmitting(true);
    const r = await attempt(submitRegistration(toSubmitRequest(form, community.code, (notice as PrivacyNoticeDto).version)));
    setSubmitting(false);
    if (r.ok) {
      Promise.resolve(Taro.showToast({ title: '报到已提交', icon: 'success' })).catch(() => undefined);
      replacePage(PAGES.status);
      return;
    }
    const fieldErrs: FormErrors<RegistrationField> = {};
    for (const d of r.error.details) {
      const key = (d.field === 'skills' ? 'skillsText' : d.field === 'workUnitId' ? 'workUnitName' : d.field) as RegistrationField;
      if (!fieldErrs[key]) fieldErrs[key] = d.message;
    }
    setErrors(fieldErrs);
  };

  // ----- rendering -----
  if (!code) {
    return (
      <Page title='党员报到'>
        <CodeEntry onCode={(c) => { setCodeError(''); setCode(c); }} error={codeError} />
      </Page>
    );
  }

  if (loading && !community) {
    return (
      <Page title='党员报到'>
        <Loading />
      </Page>
    );
  }

  if (loadError || !community) {
    return (
      <Page title='党员报到'>
        <ErrorState message={loadError || '社区信息加载失败'} onRetry={() => void load(code)} />
      </Page>
    );
  }

  if (!loggedIn) {
    return (
      <Page title='党员报到'>
        <CommunityHeader community={community} />
        <View className='card'>
          <Text className='block mb-32'>报到前请先登录。没有账号可以直接注册。</Text>
          <Btn onClick={() => goLogin(`${PAGES.register}?community=${encodeURIComponent(community.code)}`)}>登录后报到</Btn>
        </View>
      </Page>
    );
  }

  if (existing && existing.status !== RegistrationStatus.Rejected) {
    return (
      <Page title='党员报到'>
        <View className='card'>
          <Text className='block mb-24'>{`您已向「${existing.communityName}」提交报到。`}</Text>
          <StatusBadge status={existing.status} />
        </View>
        <Btn onClick={() => replacePage(PAGES.status)}>查看报到进度</Btn>
      </Page>
    );
  }

  const unitOptions: SelectOption<number>[] = [
    ...community.workUnits.map((u) => ({ value: u.id, label: u.name })),
    { value: OTHER_UNIT, label: '其他单位（手动填写）' },
  ];
  const unitChoice = form.workUnitId ?? (form.workUnitName || community.workUnits.length === 0 ? OTHER_UNIT : null);
  const buildingOptions = community.buildings.map((b) => ({ value: b.id, label: b.name }));
  const positionOptions = community.positions.filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }));
  const errorCount = Object.values(errors).filter(Boolean).length;

  return (
    <Page title='党员报到'>
      <CommunityHeader community={community} />

      {existing?.status === RegistrationStatus.Rejected ? (
        <View className='notice notice-error'>
          <Text className='block'>上次报到未通过，请修改后重新提交。</Text>
          {existing.rejectReason ? <Text className='block'>{`原因：${existing.rejectReason}`}</Text> : null}
        </View>
      ) : null}

      {errorCount > 0 ? (
        <View className='notice notice-error' {...a11y(undefined, { role: 'alert' })}>
          <Text>{`有 ${errorCount} 项需要修改，请查看下方标红的提示。`}</Text>
        </View>
      ) : null}

      <Text className='section-title'>基本信息</Text>
      <View className='card'>
        <TextField label='姓名' value={form.name} maxLength={20} onChange={(v) => set('name', v)} error={errors.name} required />
        <TextField
          label='手机号'
          kind='phone'
          maxLength={11}
          value={form.phone}
          placeholder='请输入11位手机号'
          onChange={(v) => set('phone', v)}
          error={errors.phone}
          required
        />
        <TextField
          label='身份证号'
          kind='idcard'
          maxLength={18}
          value={form.idNumber}
          placeholder='选填'
          hint='选填。加密保存，只显示部分号码。'
          onChange={(v) => set('idNumber', v)}
          error={errors.idNumber}
        />
      </View>

      <Text className='section-title'>工作单位</Text>
      <View className='card'>
        {community.workUnits.length > 0 ? (
          <SelectField
            label='工作单位'
            options={unitOptions}
            value={unitChoice}
            onChange={(v) => setForm((f) => ({ ...f, workUnitId: v === OTHER_UNIT ? null : v, workUnitName: v === OTHER_UNIT ? f.workUnitName : '' }))}
            placeholder='请选择工作单位'
            required
            error={unitChoice === OTHER_UNIT ? undefined : errors.workUnitName}
          />
        ) : null}
        {unitChoice === OTHER_UNIT ? (
          <TextField
            label={community.workUnits.length > 0 ? '单位名称' : '工作单位'}
            value={form.workUnitName}
            maxLength={100}
            placeholder='请输入单位全称'
            onChange={(v) => set('workUnitName', v)}
            error={errors.workUnitName}
            required
          />
        ) : null}
        <TextField
          label='所在单位党组织'
          value={form.unitPartyOrgName}
          maxLength={100}
          placeholder='如：某某局机关党委第一支部'
          onChange={(v) => set('unitPartyOrgName', v)}
          error={errors.unitPartyOrgName}
          required
        />
      </View>

      <Text className='section-title'>居住地址</Text>
      <View className='card'>
        {buildingOptions.length > 0 ? (
          <SelectField
            label='小区 / 楼栋'
            options={buildingOptions}
            value={form.buildingId}
            onChange={(v) => set('buildingId', v)}
            placeholder='请选择所住小区或楼栋'
          />
        ) : null}
        <TextField
          label='详细地址'
          value={form.residenceDetail}
          maxLength={100}
          placeholder='如：3栋2单元501'
          onChange={(v) => set('residenceDetail', v)}
          error={errors.residenceDetail}
          required
        />
      </View>

      <Text className='section-title'>服务意愿</Text>
      <View className='card'>
        <TextField
          label='技能特长'
          value={form.skillsText}
          maxLength={220}
          placeholder='如：法律咨询 理发 电脑维修'
          hint='多项请用逗号或空格分开，最多10项'
          onChange={(v) => set('skillsText', v)}
          error={errors.skillsText}
        />
        <Field label='空闲时间' hint='点选您能参加服务的时段，可多选'>
          <FreeTimeGrid value={form.freeTime} onChange={(v) => set('freeTime', v)} />
        </Field>
        {positionOptions.length > 0 ? (
          <Field label='意向岗位' hint='可多选'>
            <ChipSelect label='意向岗位' options={positionOptions} selected={form.positionIds} onChange={(v) => set('positionIds', v)} />
          </Field>
        ) : null}
      </View>

      <Text className='section-title'>隐私保护</Text>
      <View className='card'>
        <PrivacyNotice notice={notice} error={noticeError} onRetry={loadNotice} />
        <Checkbox checked={form.consent} onChange={(v) => set('consent', v)} label={`我已阅读并同意${notice?.title ?? '隐私政策'}`}>
          <Text>{`我已阅读并同意《${notice?.title ?? '隐私政策'}》，同意社区使用以上信息安排服务`}</Text>
        </Checkbox>
        {errors.consent ? (
          <Text className='field-error' {...a11y(undefined, { role: 'alert' })}>{`！${errors.consent}`}</Text>
        ) : null}
      </View>

      <Btn onClick={submit} loading={submitting} loadingText='正在提交…'>
        提交报到
      </Btn>
      <Btn variant='plain' onClick={() => openPage(PAGES.status)}>
        查看我的报到
      </Btn>
    </Page>
  );
}
