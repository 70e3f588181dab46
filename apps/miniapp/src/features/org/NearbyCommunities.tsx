import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { NearbyCommunityDto } from '@sbd/contracts';
import { a11y, keyActivate } from '@/platform/a11y';
import { attempt } from '@/platform/request';
import { ErrorState, Loading } from '@/ui/States';
import { currentPoint, distanceText, nearbyCommunities } from './join';

type Nearby =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; located: boolean; list: NearbyCommunityDto[] };

/** Communities near where the phone is (or, when location is refused, all open ones by name). */
export function NearbyCommunities({ onPick }: { onPick: (c: NearbyCommunityDto) => void }) {
  const [nearby, setNearby] = useState<Nearby>({ state: 'loading' });
  const load = async () => {
    setNearby({ state: 'loading' });
    const point = await currentPoint();
    const r = await attempt(nearbyCommunities(point));
    setNearby(r.ok ? { state: 'ready', located: !!point, list: r.data } : { state: 'error', message: r.error.message });
  };
  useEffect(() => {
    void load();
  }, []);

  if (nearby.state === 'loading') return <Loading text="正在查找附近的社区…" />;
  if (nearby.state === 'error') return <ErrorState message={nearby.message} onRetry={() => void load()} />;
  return (
    <View>
      <Text className="t-s t-muted block mb-24">
        {nearby.located ? '按距离由近到远，点按即可加入' : '未能获取您的位置，以下按名称列出全部社区，点按即可加入'}
      </Text>
      {nearby.list.map((c) => {
        const pick = () => onPick(c);
        const where = [c.streetName, distanceText(c.distanceM)].filter(Boolean).join(' · ');
        return (
          <View
            key={c.id}
            className="item"
            hoverClass="btn-pressed"
            onClick={pick}
            {...a11y(undefined, { role: 'button' })}
            {...keyActivate(pick)}
          >
            <Text className="item-title">{c.name}</Text>
            {where ? <Text className="item-line">{where}</Text> : null}
            {c.address ? <Text className="item-line">{c.address}</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
