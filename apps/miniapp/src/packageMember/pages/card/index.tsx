import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { PAGES } from '@sbd/contracts';
import type { ECardDto } from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { Page } from '@/ui/Page';
import { ErrorState, Loading } from '@/ui/States';
import { fetchMyCard } from '@/features/registration/service';
import { LiveCardQr } from '@/features/registration/LiveCardQr';
import { attempt } from '@/platform/request';
import { isLoggedIn } from '@/platform/session';
import { a11y } from '@/platform/a11y';
import { formatDate } from '@/platform/format';
import { goLogin, replacePage } from '@/platform/nav';
import './index.css';

/** 亮身份: the member's e-card, readable at arm's length. */
export default function CardPage() {
  const [card, setCard] = useState<ECardDto | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'none' | 'error'>('loading');
  const [error, setError] = useState('');

  const load = async () => {
    if (!isLoggedIn()) {
      goLogin();
      return;
    }
    const r = await attempt(fetchMyCard());
    if (!r.ok) {
      setError(r.error.message);
      setState('error');
      return;
    }
    setCard(r.data);
    setState(r.data ? 'ready' : 'none');
  };

  useDidShow(() => void load());

  if (state === 'loading') {
    return (
      <Page>
        <Loading />
      </Page>
    );
  }
  if (state === 'error') {
    return (
      <Page title="亮身份">
        <ErrorState message={error} onRetry={() => void load()} />
      </Page>
    );
  }
  if (state === 'none' || !card) {
    return (
      <Page title="亮身份">
        <View className="card">
          <Text className="block mb-32">报到审核通过后，才能使用电子证亮身份。</Text>
          <Btn onClick={() => replacePage(PAGES.status)}>查看报到进度</Btn>
        </View>
      </Page>
    );
  }

  return (
    <Page title="亮身份">
      <View className="ecard" {...a11y(`在职党员电子证，${card.name}，${card.communityName}，证号${card.cardNo}`)}>
        <View className="ecard-head">
          <Text className="ecard-emblem" {...a11y(undefined, { hidden: true })}>
            ★
          </Text>
          <Text className="ecard-kind">在职党员 · 社区报到证</Text>
        </View>
        <Text className="ecard-name">{card.name}</Text>
        <View className="ecard-body">
          <View className="ecard-row">
            <Text className="ecard-key">报到社区</Text>
            <Text className="ecard-val">{card.communityName}</Text>
          </View>
          <View className="ecard-row">
            <Text className="ecard-key">功能型党支部</Text>
            <Text className="ecard-val">{card.branchName || '待分配'}</Text>
          </View>
          {card.groupName ? (
            <View className="ecard-row">
              <Text className="ecard-key">党小组</Text>
              <Text className="ecard-val">{card.groupName}</Text>
            </View>
          ) : null}
          <View className="ecard-row">
            <Text className="ecard-key">工作单位</Text>
            <Text className="ecard-val">{card.workUnitName}</Text>
          </View>
          {card.positions.length > 0 ? (
            <View className="ecard-row">
              <Text className="ecard-key">服务岗位</Text>
              <Text className="ecard-val">{card.positions.join('、')}</Text>
            </View>
          ) : null}
          <View className="ecard-row">
            <Text className="ecard-key">报到时间</Text>
            <Text className="ecard-val">{formatDate(card.approvedAt)}</Text>
          </View>
        </View>
        <View className="ecard-no">
          <Text className="ecard-key">证号</Text>
          <Text className="ecard-no-val">{card.cardNo}</Text>
        </View>
      </View>
      <LiveCardQr />
    </Page>
  );
}
