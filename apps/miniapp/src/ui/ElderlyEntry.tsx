import { Text, View } from '@tarojs/components';
import { toast } from '@/platform/feedback';
import { toggleElderly, useElderly } from '@/platform/elderly';
import { a11y, cx, keyActivate } from '@/platform/a11y';
import './ElderlyEntry.css';

/** The prominent 「长辈版」 switch on the home page. */
export function ElderlyEntry() {
  const { enabled } = useElderly();
  const toggle = () => {
    const on = toggleElderly();
    toast(on ? '已切换到长辈版' : '已切换到标准版');
  };
  return (
    <View
      className={cx('elderly-entry', enabled && 'on')}
      onClick={toggle}
      {...a11y(enabled ? '长辈版已开启，点按切换回标准版' : '长辈版，大字大按钮，点按开启', {
        role: 'switch',
        checked: enabled,
      })}
      {...keyActivate(toggle)}
    >
      <View className="elderly-entry-text">
        <Text className="elderly-entry-title">{enabled ? '长辈版 · 已开启' : '长辈版'}</Text>
        <Text className="elderly-entry-desc">
          {enabled ? '字更大、按钮更大。点这里回到标准版' : '字更大、按钮更大，看得更清楚'}
        </Text>
      </View>
      <View className={cx('toggle-switch', enabled && 'on')}>
        <Text>{enabled ? '已开启' : '开启'}</Text>
      </View>
    </View>
  );
}
