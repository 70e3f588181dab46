import { Text, View } from '@tarojs/components';
import { a11y } from '../utils/a11y';
import { Btn } from './Button';

export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className='empty' {...a11y(undefined, { role: 'status', live: 'polite' })}>
      <Text>{text}</Text>
    </View>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className='notice notice-error' {...a11y(undefined, { role: 'alert' })}>
      <Text style={{ display: 'block' }}>{message}</Text>
      {onRetry ? (
        <View style={{ marginTop: '12px' }}>
          <Btn variant='plain' onClick={onRetry}>
            重试
          </Btn>
        </View>
      ) : null}
    </View>
  );
}

export function Empty({ text }: { text: string }) {
  return (
    <View className='empty'>
      <Text>{text}</Text>
    </View>
  );
}
