import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  CHECKIN_CODE_DIGITS,
  CLAIM_STATUS_LABELS,
  ClaimStatus,
  type CheckInRequest,
  type ClaimDto,
} from '@sbd/contracts';
import { Badge } from '@/ui/Badge';
import { Btn } from '@/ui/Button';
import { Field } from '@/ui/Field';
import { isH5, isWeapp } from '@/platform/env';
import { attend, confirmClaim, withdrawClaim, type Attendance } from '@/features/claims/service';
import { useNow } from '@/ui/hooks/useNow';
import { a11y } from '@/platform/a11y';
import { CLAIM_TONE, claimStatusText, myClaimView } from '@/features/loop/loop';
import { formatDateTime } from '@/platform/format';
import { formatCountdown, formatHours } from '@/platform/time';
import { confirmModal } from '@/platform/feedback';
import { useAction } from '@/ui/hooks/useAction';
import './ClaimPanel.css';

/** Six digits out of whatever a scanned code says ("123456", a URL with code=123456…). */
export function codeFromScan(text: string | undefined): string | null {
  const m = /(?:^|\D)(\d{6})(?:\D|$)/.exec(text ?? '');
  return m ? m[1] : null;
}

interface ClaimPanelProps {
  claim: ClaimDto;
  /** The task has a place on the map, so check-in by location can work. */
  locationOk?: boolean;
  onChange: (claim: ClaimDto) => void;
}

/**
 * The member's own claim: status in words, waitlist place, the hold countdown with 确认参加,
 * check-in / check-out (type the rotating code, scan it in WeChat, or by location: the device's
 * position goes to the API, which decides; the task's exact point is never on the device) and
 * 退出报名. Before check-in opens, a disabled 签到 button says from when.
 */
export function ClaimPanel({ claim, locationOk = false, onChange }: ClaimPanelProps) {
  const now = useNow(1000);
  const view = myClaimView(claim, now);
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const action = useAction<'code' | 'scan' | 'location' | 'confirm' | 'withdraw'>();
  /** Waiting for the device's position (before the check-in call). */
  const [locating, setLocating] = useState(false);
  const busy = locating ? 'location' : action.busy;

  const which: Attendance | null = view.canCheckIn ? 'check-in' : view.canCheckOut ? 'check-out' : null;
  const verb = which === 'check-out' ? '签退' : '签到';

  const send = async (body: Partial<CheckInRequest>, how: 'code' | 'scan' | 'location') => {
    if (!which) return;
    setError('');
    await action.run(() => attend(claim.id, which, body), {
      key: how,
      errorToast: false,
      success: which === 'check-in' ? '签到成功' : '签退成功',
      onSuccess: (c) => {
        setCode('');
        onChange(c);
      },
      onError: (e) => setError(e.message),
    });
  };

  const byCode = () => {
    const v = code.trim();
    if (!new RegExp(`^\\d{${CHECKIN_CODE_DIGITS}}$`).test(v)) {
      setError(`请输入现场大屏上的${CHECKIN_CODE_DIGITS}位${verb}码`);
      return;
    }
    void send({ code: v }, 'code');
  };

  const byScan = async () => {
    let text: string | undefined;
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] });
      text = res.result;
    } catch {
      return; // cancelled
    }
    const scanned = codeFromScan(text);
    if (!scanned) {
      setError(`没有识别到${verb}码，请直接输入大屏上的数字`);
      return;
    }
    void send({ code: scanned }, 'scan');
  };

  const byLocation = async () => {
    setLocating(true);
    setError('');
    try {
      const loc = await Taro.getLocation({ type: isH5() ? 'wgs84' : 'gcj02', isHighAccuracy: true });
      setLocating(false);
      void send(
        {
          latitude: loc.latitude,
          longitude: loc.longitude,
          ...(loc.accuracy ? { accuracyM: Math.min(loc.accuracy, 10000) } : {}),
        },
        'location',
      );
    } catch {
      setLocating(false);
      setError('无法获取位置，请允许定位或输入签到码');
    }
  };

  const confirmHold = async () => {
    await action.run(() => confirmClaim(claim.id), { key: 'confirm', success: '已确认参加', onSuccess: onChange });
  };

  const withdraw = async () => {
    const what = claim.status === ClaimStatus.Waitlisted ? '退出候补' : '退出报名';
    if (!(await confirmModal(what, `确定${what}“${claim.taskTitle}”吗？`, '退出', true))) return;
    await action.run(() => withdrawClaim(claim.id), {
      key: 'withdraw',
      success: '已退出',
      icon: 'none',
      onSuccess: onChange,
    });
  };

  return (
    <View className="claim-panel">
      <View className="row-between">
        <Text className="t-bold">我的报名</Text>
        <Badge text={CLAIM_STATUS_LABELS[claim.status]} tone={CLAIM_TONE[claim.status]} />
      </View>
      <Text className="block mt-16">{claimStatusText(claim)}</Text>

      {view.waitlistPosition ? (
        <View className="notice mt-24 mb-0">
          <Text className="t-l t-bold">{`候补第 ${view.waitlistPosition} 位`}</Text>
        </View>
      ) : null}

      {view.canConfirm && view.holdExpiresAt ? (
        <View className="notice notice-hold mt-24" {...a11y(undefined, { role: 'status', live: 'polite' })}>
          <Text className="block">有人退出，名额已为您保留。请在倒计时结束前确认，否则名额顺延给下一位。</Text>
          <Text className="t-xl t-bold t-primary block mt-16">{`剩余 ${formatCountdown(view.holdExpiresAt - now)}`}</Text>
          <View className="mt-24">
            <Btn onClick={() => void confirmHold()} loading={busy === 'confirm'} loadingText="正在确认…">
              确认参加
            </Btn>
          </View>
        </View>
      ) : null}

      {claim.checkInAt ? <Text className="item-line">{`签到：${formatDateTime(claim.checkInAt)}`}</Text> : null}
      {claim.checkOutAt ? <Text className="item-line">{`签退：${formatDateTime(claim.checkOutAt)}`}</Text> : null}
      {claim.creditedHours !== null ? (
        <Text className="item-line">{`服务时长：${formatHours(claim.creditedHours)}`}</Text>
      ) : null}
      {claim.pointsAwarded !== null ? <Text className="item-line">{`获得积分：${claim.pointsAwarded}`}</Text> : null}

      {view.checkInBlocked ? (
        <View className="mt-32">
          <Btn disabled label={`签到（暂不可用：${view.checkInBlocked}）`}>
            签到
          </Btn>
          <Text className="block mt-16" {...a11y(undefined, { role: 'status' })}>
            {view.checkInBlocked}
          </Text>
        </View>
      ) : null}

      {which ? (
        <View className="attend mt-32">
          <Field label={`${verb}码`} hint={`看现场工作人员手机/大屏上的${CHECKIN_CODE_DIGITS}位数字，每30秒更换`}>
            <Input
              className="input attend-code"
              type={isH5() ? 'text' : 'number'}
              maxlength={CHECKIN_CODE_DIGITS}
              value={code}
              placeholder={`输入${CHECKIN_CODE_DIGITS}位数字`}
              placeholderClass="input-placeholder"
              onInput={(e) => {
                setCode(String(e.detail.value).replace(/\D/g, ''));
                setError('');
              }}
              onConfirm={byCode}
              {...a11y(`${verb}码`)}
            />
          </Field>
          {error ? (
            <Text className="field-error mt-n24 mb-32" {...a11y(undefined, { role: 'alert' })}>{`！${error}`}</Text>
          ) : null}
          <Btn onClick={byCode} loading={busy === 'code'} loadingText={`正在${verb}…`}>
            {`输入码${verb}`}
          </Btn>
          {isWeapp() ? (
            <Btn
              variant="secondary"
              onClick={() => void byScan()}
              loading={busy === 'scan'}
              loadingText={`正在${verb}…`}
            >
              {`扫码${verb}`}
            </Btn>
          ) : null}
          {locationOk ? (
            <Btn
              variant="secondary"
              onClick={() => void byLocation()}
              loading={busy === 'location'}
              loadingText="正在定位…"
            >
              {`定位${verb}`}
            </Btn>
          ) : null}
        </View>
      ) : error ? (
        <Text className="field-error" {...a11y(undefined, { role: 'alert' })}>{`！${error}`}</Text>
      ) : null}

      {view.canWithdraw ? (
        <View className="mt-32">
          <Btn variant="plain" onClick={() => void withdraw()} loading={busy === 'withdraw'} loadingText="正在退出…">
            {claim.status === ClaimStatus.Waitlisted ? '退出候补' : '退出报名'}
          </Btn>
        </View>
      ) : view.withdrawBlocked ? (
        <Text className="t-s t-muted block mt-24">{view.withdrawBlocked}</Text>
      ) : null}
    </View>
  );
}
