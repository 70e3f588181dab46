import { useEffect } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { a11y } from '@/platform/a11y';
import { AGREE_BUTTON_ID, openPrivacyContract, usePrivacyRequest } from '@/platform/privacy';
import { LinkAction } from './Button';
import './PrivacyAuthDialog.css';

/**
 * WeChat's privacy check (weapp): shown when a privacy API waits for the user's consent, before
 * that API goes on. 同意 is WeChat's agreePrivacyAuthorization button (the API then runs); 拒绝
 * makes the API fail, and the feature says so in its own words. <Page> renders it on every page.
 */
export function PrivacyAuthDialog() {
  const { open, reportShown, agree, disagree } = usePrivacyRequest();
  useEffect(() => {
    if (open) reportShown();
  }, [open]);
  if (!open) return null;
  return (
    <View className="privacy-mask">
      <View className="privacy-dialog" {...a11y('用户隐私保护提示', { role: 'dialog' })}>
        <Text className="privacy-dialog-title block">用户隐私保护提示</Text>
        <Text className="block mb-16">
          使用定位签到签退、拍照或选择照片、手机号验证前，请阅读并同意《双报到小程序隐私保护指引》。同意后才会使用这些信息；不同意仍可浏览其他内容。
        </Text>
        <LinkAction onClick={openPrivacyContract} label="查看《双报到小程序隐私保护指引》">
          查看《双报到小程序隐私保护指引》
        </LinkAction>
        <View className="privacy-actions">
          <Button className="privacy-btn privacy-btn-no" onClick={disagree}>
            拒绝
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className="privacy-btn privacy-btn-yes"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={agree}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  );
}
