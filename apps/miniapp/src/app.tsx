import type { PropsWithChildren } from 'react';
import { useDidShow } from '@tarojs/taro';
import { reloadElderly } from '@/platform/elderly';
import { watchPageNotFound } from '@/platform/nav';
import { installInPageOverlays } from '@/platform/overlays';
import { watchPrivacyAuthorization } from '@/platform/privacy';
import { recordConsentWhenAgreed } from '@/features/auth/service';
import './app.css';

// weapp: privacy APIs wait for the notice in <Page> (PrivacyAuthDialog); a no-op on H5.
watchPrivacyAuthorization();
// Tapping 同意 there records the consent on the server (after sign-in when signed out).
recordConsentWhenAgreed();
// An unknown address opens 页面不存在 (pages/not-found) instead of a blank screen.
watchPageNotFound();
// H5: confirm dialogs, toasts and pickers drawn by the app (sized for 长辈版), see platform/overlays.
installInPageOverlays();

export default function App({ children }: PropsWithChildren) {
  // WeChat's font size may have changed while the app was in the background.
  useDidShow(() => reloadElderly());
  return children;
}
