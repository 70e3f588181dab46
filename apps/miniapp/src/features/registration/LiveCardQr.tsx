import { useEffect, useRef, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import type { LiveCardCodeDto } from '@sbd/contracts';
import { attempt } from '@/platform/request';
import { a11y } from '@/platform/a11y';
import { Btn } from '@/ui/Button';
import { useNow } from '@/ui/hooks/useNow';
import { fetchLiveCardCode } from './service';
import './LiveCardQr.css';

const RETRY_MS = 5000;

/** When the card page should fetch the next live code: on time, or after a pause when it failed. */
export function nextFetchAt(fetchedAt: number, live: LiveCardCodeDto | null): number {
  return fetchedAt + (live ? live.refreshInSeconds * 1000 : RETRY_MS);
}

/** The e-card's live QR: a fresh signed code every 30 s, so a screenshot stops working. */
export function LiveCardQr() {
  const [live, setLive] = useState<LiveCardCodeDto | null>(null);
  const [fetchedAt, setFetchedAt] = useState(0);
  const [error, setError] = useState('');
  const inFlight = useRef(false);
  const now = useNow(1000);

  const load = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    const r = await attempt(fetchLiveCardCode());
    inFlight.current = false;
    setFetchedAt(Date.now());
    if (r.ok) {
      setLive(r.data);
      setError('');
    } else {
      setError(r.error.message);
    }
  };

  useEffect(() => {
    if (now >= nextFetchAt(fetchedAt, live)) void load();
  }, [now]);

  const left = live ? Math.max(0, Math.ceil((nextFetchAt(fetchedAt, live) - now) / 1000)) : 0;
  return (
    <View className="live-card">
      {live ? (
        <Image
          className="live-card-qr"
          src={live.qrDataUrl}
          imgProps={{ alt: '亮身份二维码' }}
          {...a11y('亮身份二维码', { role: 'img' })}
        />
      ) : null}
      {live ? (
        <Text className="t-xs t-muted block live-card-code" selectable>
          {`核验码 ${live.code}`}
        </Text>
      ) : null}
      {error ? <Text className="t-s t-danger block">{`二维码获取失败：${error}`}</Text> : null}
      <Text className="t-s t-muted block mt-16" {...a11y(undefined, { live: 'polite' })}>
        {live ? `二维码 ${left} 秒后自动更新，截图无效` : '正在生成二维码…'}
      </Text>
      <Text className="t-s t-muted block mt-16">请工作人员在“核验电子证”中扫码，核验您的身份。</Text>
      <Btn variant="secondary" inline onClick={() => void load()}>
        刷新二维码
      </Btn>
    </View>
  );
}
