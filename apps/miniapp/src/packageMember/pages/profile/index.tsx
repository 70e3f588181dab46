import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { PAGES } from '@sbd/contracts';
import type { CommunityPublicDto, RegistrationDto } from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { Page } from '@/ui/Page';
import { ErrorState, Loading } from '@/ui/States';
import { fetchCommunityProfile } from '@/features/org/service';
import { fetchMyRegistration } from '@/features/registration/service';
import { attempt } from '@/platform/request';
import { isLoggedIn } from '@/platform/session';
import { goLogin, replacePage } from '@/platform/nav';
import { ProfileEditor } from '@/features/registration/ProfileEditor';

/** 服务信息: skills, free time, positions and residence, editable after registering. */
export default function ProfilePage() {
  const [reg, setReg] = useState<RegistrationDto | null>(null);
  const [community, setCommunity] = useState<CommunityPublicDto | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'none' | 'error'>('loading');
  const [error, setError] = useState('');
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
    const c = await attempt(fetchCommunityProfile(data.communityId));
    if (c.ok && c.data.id === data.communityId) setCommunity(c.data);
    setState('ready');
  };

  useLoad(() => void load());

  if (state === 'loading') {
    return (
      <Page title="服务信息">
        <Loading />
      </Page>
    );
  }
  if (state === 'error') {
    return (
      <Page title="服务信息">
        <ErrorState message={error} onRetry={() => void load()} />
      </Page>
    );
  }
  if (state === 'none' || !reg) {
    return (
      <Page title="服务信息">
        <View className="card">
          <Text className="block mb-32">请先完成社区报到。</Text>
          <Btn onClick={() => replacePage(PAGES.register)}>去报到</Btn>
        </View>
      </Page>
    );
  }

  return (
    <Page title="服务信息">
      <Text className="t-s t-muted block mb-32">
        {`报到社区：${reg.communityName}。社区会按您的技能、空闲时间和岗位安排服务。`}
      </Text>

      <ProfileEditor reg={reg} community={community} onSaved={setReg} />
    </Page>
  );
}
