import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { PAGES, ROLE_LABELS, Role, type MeNextDto } from '@sbd/contracts';
import { nextStepFor } from '@sbd/domain';
import { ElderlyEntry } from '@/ui/ElderlyEntry';
import { Page } from '@/ui/Page';
import { Btn } from '@/ui/Button';
import { fetchMe } from '@/features/auth/service';
import { inboxSummary } from '@/features/inbox/service';
import { attempt } from '@/platform/request';
import { activeAssignment, isLoggedIn, useSession } from '@/platform/session';
import { openPage } from '@/platform/nav';
import { tilesFor } from '@/features/home/tiles';
import { Tiles } from '@/features/home/Tile';
import { NextStepCard } from '@/features/home/NextStep';
import { fetchNext } from '@/features/home/service';
import './index.css';
import { SectionTitle } from '@/ui/SectionTitle';

export { tilesFor };

/** 首页 (tab): greeting, what to do next (接下来), 长辈版, and the tiles of the role the user acts as. */

export default function Home() {
  const session = useSession();
  const loggedIn = !!session?.accessToken;
  const role = activeAssignment(session);
  const tiles = tilesFor(role, loggedIn);
  const isStaffElsewhere = role?.role === Role.PlatformAdmin;

  const [unread, setUnread] = useState(0);
  const [next, setNext] = useState<MeNextDto | null>(null);
  const step = loggedIn && next ? nextStepFor(role?.role ?? null, next, Date.now()) : null;
  useDidShow(() => {
    // Roles change when a registration is approved: refresh quietly.
    if (!isLoggedIn()) return;
    void attempt(fetchMe(true));
    void attempt(inboxSummary()).then((r) => setUnread(r.ok ? r.data.unread : 0));
    void attempt(fetchNext()).then((r) => setNext(r.ok ? r.data : null));
  });

  return (
    <Page>
      <View className="home-hero">
        <Text className="home-brand">双报到</Text>
        <Text className="home-slogan">在职党员回社区报到 · 服务群众在身边</Text>
        {loggedIn && session?.user ? (
          <View className="home-user">
            <Text className="home-hello">{`您好，${session.user.name}`}</Text>
            {role ? (
              <Text className="home-role">{`当前身份：${ROLE_LABELS[role.role]}${role.scopeName ? ` · ${role.scopeName}` : ''}`}</Text>
            ) : null}
          </View>
        ) : null}
      </View>

      {step ? <NextStepCard step={step} /> : null}

      <ElderlyEntry />

      {!loggedIn ? (
        <View className="card">
          <Text className="t-m block mb-24">登录后可点单求助、报到接单、查看办理进度。</Text>
          <Btn onClick={() => openPage(PAGES.login)}>登录 / 注册</Btn>
        </View>
      ) : null}

      <SectionTitle>常用服务</SectionTitle>
      <Tiles tiles={tiles} counts={loggedIn ? { inbox: unread } : {}} />

      {isStaffElsewhere ? (
        <View className="notice mt-48">
          <Text>统计与管理功能请在电脑端管理后台使用。</Text>
        </View>
      ) : null}
    </Page>
  );
}
