import type { PropsWithChildren } from 'react';
import { useDidShow } from '@tarojs/taro';
import { reloadElderly } from '@/platform/elderly';
import { watchPrivacyAuthorization } from '@/platform/privacy';
import './app.css';

// weapp: privacy APIs wait for the notice in <Page> (PrivacyAuthDialog); a no-op on H5.
watchPrivacyAuthorization();

export default function App({ children }: PropsWithChildren) {
  // WeChat's font size may have changed while the app was in the background.
  useDidShow(() => reloadElderly());
  return children;
}
