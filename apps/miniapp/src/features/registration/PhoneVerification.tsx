import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { SMS_CODE_DIGITS, type VerifiedPhoneDto } from '@sbd/contracts';
import { a11y } from '@/platform/a11y';
import { isWeapp } from '@/platform/env';
import { phoneError } from '@/platform/validation';
import { Btn, LinkAction } from '@/ui/Button';
import { Field, TextField } from '@/ui/Field';
import { useAction } from '@/ui/hooks/useAction';
import { checkSmsCode, sendSmsCode, verifyPhoneWithWechat } from './phone';

const RESEND_SECONDS = 60;

interface PhoneVerificationProps {
  phone: string;
  onPhoneChange: (phone: string) => void;
  verified: VerifiedPhoneDto | null;
  onVerified: (v: VerifiedPhoneDto) => void;
  error?: string;
}

/** The verified number, with a way to verify another one. */
function Verified({ phone, onChange, error }: { phone: string; onChange: () => void; error?: string }) {
  return (
    <Field label="手机号" required error={error}>
      <View className="row-between" {...a11y(`手机号${phone}，已验证`)}>
        <Text className="t-bold">{phone}</Text>
        <Text className="t-primary t-bold">✓ 已验证</Text>
      </View>
      <LinkAction onClick={onChange}>更换手机号</LinkAction>
    </Field>
  );
}

/** H5, or weapp's "其他手机号": the number, 获取验证码 (with a countdown), the code, 验证. */
function SmsVerification({ phone, onPhoneChange, onVerified, error }: Omit<PhoneVerificationProps, 'verified'>) {
  const [code, setCode] = useState('');
  const [wait, setWait] = useState(0);
  const [devCode, setDevCode] = useState('');
  const [phoneErr, setPhoneErr] = useState('');
  const [codeErr, setCodeErr] = useState('');
  const action = useAction<'send' | 'check'>();

  useEffect(() => {
    if (wait <= 0) return;
    const t = setTimeout(() => setWait((s) => s - 1), 1000);
    return () => clearTimeout(t);
  }, [wait]);

  const send = async () => {
    const bad = phoneError(phone);
    setPhoneErr(bad ?? '');
    if (bad) return;
    await action.run(() => sendSmsCode(phone.trim()), {
      key: 'send',
      success: '验证码已发送',
      onSuccess: (r) => {
        setWait(RESEND_SECONDS);
        if (r.devCode) {
          setDevCode(r.devCode);
          setCode(r.devCode);
        }
      },
      onError: (e) => setPhoneErr(e.fieldMessage('phone') ?? e.message),
    });
  };

  const check = async () => {
    if (!new RegExp(`^\\d{${SMS_CODE_DIGITS}}$`).test(code)) return setCodeErr(`请输入${SMS_CODE_DIGITS}位短信验证码`);
    setCodeErr('');
    await action.run(() => checkSmsCode(phone.trim(), code), {
      key: 'check',
      success: '手机号已验证',
      errorToast: false,
      onSuccess: onVerified,
      onError: (e) => setCodeErr(e.fieldMessage('code') ?? e.message),
    });
  };

  return (
    <>
      <TextField
        label="手机号"
        kind="phone"
        maxLength={11}
        value={phone}
        placeholder="请输入11位手机号"
        onChange={(v) => {
          setPhoneErr('');
          onPhoneChange(v);
        }}
        error={phoneErr || error}
        hint="报到手机号需要短信验证"
        required
      />
      <Btn variant="secondary" onClick={() => void send()} disabled={wait > 0} loading={action.busy === 'send'}>
        {wait > 0 ? `${wait}秒后可重新获取` : '获取验证码'}
      </Btn>
      <TextField
        label="短信验证码"
        kind="number"
        maxLength={SMS_CODE_DIGITS}
        value={code}
        placeholder={`${SMS_CODE_DIGITS}位数字`}
        onChange={(v) => setCode(v.replace(/\D/g, ''))}
        error={codeErr || undefined}
        hint={devCode ? `开发模式（未接短信服务）：验证码 ${devCode}` : '验证码5分钟内有效'}
      />
      <Btn onClick={() => void check()} loading={action.busy === 'check'} loadingText="正在验证…">
        验证手机号
      </Btn>
    </>
  );
}

/**
 * 报到 needs the member's own, verified phone: in WeChat by its phone-number button (the number
 * bound to WeChat, one tap), or by an SMS code (H5, or another number in WeChat).
 */
export function PhoneVerification(props: PhoneVerificationProps) {
  const { verified, onPhoneChange, onVerified, error } = props;
  const [other, setOther] = useState(false);
  const [changing, setChanging] = useState(false);
  const action = useAction();

  // The API's refusal (e.g. the proof expired) shows here too; 更换手机号 verifies again.
  if (verified && !changing) {
    return <Verified phone={verified.phone} onChange={() => setChanging(true)} error={error} />;
  }
  const done = (v: VerifiedPhoneDto) => {
    setChanging(false);
    onPhoneChange(v.phone);
    onVerified(v);
  };
  if (!isWeapp() || other) return <SmsVerification {...props} onVerified={done} />;

  const onGetPhoneNumber = (e: { detail: { code?: string; errMsg?: string } }) => {
    const code = e.detail.code;
    if (!code) return; // declined in WeChat's dialog
    void action.run(() => verifyPhoneWithWechat(code), { success: '手机号已验证', onSuccess: done });
  };

  return (
    <Field label="手机号" required error={error} hint="使用微信绑定的手机号，一键验证">
      <Button
        className="btn btn-primary btn-block"
        openType="getPhoneNumber"
        onGetPhoneNumber={onGetPhoneNumber}
        disabled={!!action.busy}
      >
        {action.busy ? '正在验证…' : '微信手机号一键验证'}
      </Button>
      <LinkAction onClick={() => setOther(true)}>使用其他手机号（短信验证）</LinkAction>
    </Field>
  );
}
