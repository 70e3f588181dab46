import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { LiveCardCheckDto } from '@sbd/contracts';
import { Btn } from '@/ui/Button';
import { CodeField } from '@/ui/CodeField';
import { Page } from '@/ui/Page';
import { isWeapp } from '@/platform/env';
import { communityAdminScope, isLoggedIn, useSession } from '@/platform/session';
import { useAction } from '@/ui/hooks/useAction';
import { checkLiveCard } from '@/features/registration/service';
import { LiveCardResult } from '@/features/registration/LiveCardResult';
import { AdminGate } from '@/packageAdmin/components/AdminGate';

/** 核验电子证: staff scan a member's live e-card (亮身份) and see who it is. */
export default function CheckCardPage() {
  const session = useSession();
  const scope = communityAdminScope(session);
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState('');
  const [card, setCard] = useState<LiveCardCheckDto | null>(null);
  const action = useAction();

  const check = async (text: string) => {
    const value = text.trim();
    if (!value) {
      setFieldError('请扫码或输入电子证核验码');
      return;
    }
    setFieldError('');
    setCard(null);
    await action.run(() => checkLiveCard(value), {
      errorToast: false,
      onSuccess: setCard,
      onError: (e) => setFieldError(e.message),
    });
  };

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      setCode(res.result);
      await check(res.result);
    } catch {
      // The scan was cancelled: nothing to do.
    }
  };

  if (!scope) return <AdminGate title="核验电子证" loggedIn={isLoggedIn()} />;

  return (
    <Page title="核验电子证">
      <View className="card">
        <Text className="block mb-24">请党员打开“亮身份”页面，扫描其中每 30 秒更新的二维码。</Text>
        {isWeapp() ? (
          <Btn onClick={() => void scan()} loading={!!action.busy} loadingText="正在核验…">
            扫码核验
          </Btn>
        ) : null}
        <CodeField
          label="核验码"
          hint="网页版无法调用摄像头时，输入党员电子证二维码下方的核验码"
          error={fieldError}
          value={code}
          onChange={setCode}
          onConfirm={() => void check(code)}
          placeholder="例如：SBD000001ABCDEF.xxxx.xxxx"
          maxLength={80}
        />
        <Btn onClick={() => void check(code)} loading={!!action.busy} loadingText="正在核验…">
          核验
        </Btn>
      </View>
      {card ? <LiveCardResult card={card} /> : null}
    </Page>
  );
}
