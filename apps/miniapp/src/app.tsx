import type { PropsWithChildren } from 'react';
import { useDidShow } from '@tarojs/taro';
import { reloadElderly } from '@/platform/elderly';
import './app.css';

export default function App({ children }: PropsWithChildren) {
  // WeChat's font size may have changed while the app was in the background.
  useDidShow(() => reloadElderly());
  return children;
}
