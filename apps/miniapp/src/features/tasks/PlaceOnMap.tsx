import Taro from '@tarojs/taro';
import type { TaskDto } from '@sbd/contracts';
import { isWeapp } from '@/platform/env';
import { Btn } from '@/ui/Button';

/**
 * 「在地图上查看大致位置」 (WeChat only): the map opens at the position the API gives members, rounded
 * to about 1 km, labelled with the place's name, which is what to go by. Members never get the
 * exact point; location check-in sends the device's own position to the API.
 */
export function PlaceOnMap({ task }: { task: Pick<TaskDto, 'place' | 'latitude' | 'longitude'> }) {
  const { latitude, longitude } = task;
  if (!isWeapp() || latitude === null || longitude === null) return null;
  const open = () => {
    Taro.openLocation({
      latitude,
      longitude,
      scale: 14,
      name: task.place,
      address: '地图上为大致范围，请按地点名称前往',
    }).catch(() => undefined);
  };
  return (
    <Btn variant="plain" onClick={open} label={`在地图上查看${task.place}的大致位置`}>
      在地图上查看大致位置
    </Btn>
  );
}
