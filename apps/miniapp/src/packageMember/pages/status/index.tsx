import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { PAGES, RegistrationStatus, type RegistrationDto } from '@sbd/contracts';
import { maskPhone } from '@sbd/domain';
import { Btn } from '@/ui/Button';
import { Page } from '@/ui/Page';
import { ErrorState, Loading } from '@/ui/States';
import { StatusBadge } from '@/ui/StatusBadge';
import { fetchMyRegistration } from '@/features/registration/service';
import { attempt } from '@/platform/request';
import { isLoggedIn } from '@/platform/session';
import { communityCodeFor } from '@/features/org/communityCodes';
import { formatDateTime } from '@/platform/format';
import { goLogin, openPage } from '@/platform/nav';
import { SectionTitle } from '@/ui/SectionTitle';

function Row({ k, v }: { k: string; v: string | null | undefined }) {
  return (
    <View className="kv">
      <Text className="kv-key">{k}</Text>
      <Text className="kv-value">{v || '—'}</Text>
    </View>
  );
}

const STATUS_TEXT: Record<RegistrationStatus, string> = {
  [RegistrationStatus.Pending]: '社区正在审核您的报到，通过后即可亮身份、参加服务。',
  [RegistrationStatus.Approved]: '报到已通过，欢迎加入社区服务队伍！',
  [RegistrationStatus.Rejected]: '报到未通过，请按原因修改后重新提交。',
};

export default function StatusPage() {
  const [reg, setReg] = useState<RegistrationDto | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'none' | 'error'>('loading');
  const [error, setError] = useState('');

  const load = async () => {
    if (!isLoggedIn()) {
      goLogin();
      return;
    }
    const r = await attempt(fetchMyRegistration());
    if (!r.ok) {
      setError(r.error.message);
      setState('error');
      return;
    }
    setReg(r.data);
    setState(r.data ? 'ready' : 'none');
  };

  useDidShow(() => void load());
  usePullDownRefresh(() => {
    void load().finally(() => {
      Promise.resolve(Taro.stopPullDownRefresh()).catch(() => undefined);
    });
  });

  if (state === 'loading') {
    return (
      <Page title="我的报到">
        <Loading />
      </Page>
    );
  }
  if (state === 'error') {
    return (
      <Page title="我的报到">
        <ErrorState message={error} onRetry={() => void load()} />
      </Page>
    );
  }
  if (state === 'none' || !reg) {
    return (
      <Page title="我的报到">
        <View className="card">
          <Text className="block mb-32">您还没有报到。请扫描所住社区的「双报到」二维码，或输入社区编码报到。</Text>
          <Btn onClick={() => openPage(PAGES.register)}>去报到</Btn>
        </View>
      </Page>
    );
  }

  const code = communityCodeFor(reg.communityId);
  return (
    <Page title="我的报到">
      <View className="card">
        <View className="row-between">
          <Text className="t-l t-bold">{reg.communityName}</Text>
          <StatusBadge status={reg.status} />
        </View>
        <Text className="block mt-24">{STATUS_TEXT[reg.status]}</Text>
        {reg.status === RegistrationStatus.Rejected && reg.rejectReason ? (
          <View className="notice notice-error mt-32 mb-0">
            <Text>{`未通过原因：${reg.rejectReason}`}</Text>
          </View>
        ) : null}
      </View>

      {reg.status === RegistrationStatus.Approved ? (
        <View>
          <Btn onClick={() => openPage(PAGES.card)}>亮身份</Btn>
          <Btn variant="secondary" onClick={() => openPage(PAGES.profile)}>
            完善服务信息
          </Btn>
        </View>
      ) : null}
      {reg.status === RegistrationStatus.Rejected ? (
        <Btn
          onClick={() => openPage(code ? `${PAGES.register}?community=${encodeURIComponent(code)}` : PAGES.register)}
        >
          重新报到
        </Btn>
      ) : null}

      <SectionTitle>报到信息</SectionTitle>
      <View className="card">
        <Row k="姓名" v={reg.name} />
        <Row k="手机号" v={maskPhone(reg.phone)} />
        <Row k="工作单位" v={reg.workUnitName} />
        <Row k="单位党组织" v={reg.unitPartyOrgName} />
        <Row k="居住地址" v={[reg.buildingName, reg.residenceDetail].filter(Boolean).join(' ')} />
        <Row k="提交时间" v={formatDateTime(reg.submittedAt)} />
        {reg.reviewedAt ? <Row k="审核时间" v={formatDateTime(reg.reviewedAt)} /> : null}
        {reg.status === RegistrationStatus.Approved ? (
          <View>
            <Row k="功能型党支部" v={reg.branchName} />
            <Row k="党小组" v={reg.groupName} />
            <Row k="网格" v={reg.gridName} />
            <Row k="单位确认" v={reg.unitConfirmed ? '已确认' : '待单位确认'} />
          </View>
        ) : null}
      </View>
    </Page>
  );
}
