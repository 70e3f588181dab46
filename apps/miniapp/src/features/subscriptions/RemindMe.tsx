import { useEffect, useState } from 'react';
import { Text } from '@tarojs/components';
import { SubscribeChoice, SubscribeMoment } from '@sbd/contracts';
import { isWeapp } from '@/platform/env';
import { toast } from '@/platform/feedback';
import { attempt } from '@/platform/request';
import { SwitchRow } from '@/ui/Toggle';
import { fetchMySubscriptions, recordSubscribeChoices } from './service';
import { askToSubscribe, prepareSubscribe, preparedTemplates } from './subscribe';

/**
 * "提醒我": in WeChat, a switch that asks for the service-reminder subscribe message (one accepted
 * reminder each time it is turned on; off records a rejection). Elsewhere, or with no template
 * configured, reminders reach the inbox and the line says so.
 */
export function RemindMe() {
  const weapp = isWeapp();
  const [reminder, setReminder] = useState<{ templateId: string; on: boolean } | null>(null);

  useEffect(() => {
    if (!weapp) return;
    let live = true;
    void prepareSubscribe(SubscribeMoment.RemindMe).then(async () => {
      const [template] = preparedTemplates(SubscribeMoment.RemindMe);
      if (!template) return;
      const r = await attempt(fetchMySubscriptions());
      const mine = r.ok ? r.data.find((s) => s.templateId === template.templateId) : undefined;
      if (live) setReminder({ templateId: template.templateId, on: (mine?.remaining ?? 0) > 0 });
    });
    return () => {
      live = false;
    };
  }, [weapp]);

  if (!reminder) {
    return <Text className="t-s t-muted block mt-24">服务开始前24小时和2小时，会在「消息」中提醒您。</Text>;
  }

  const toggle = (next: boolean) => {
    const { templateId } = reminder;
    if (!next) {
      setReminder({ templateId, on: false });
      void attempt(recordSubscribeChoices([{ templateId, choice: SubscribeChoice.Reject }]));
      return;
    }
    // Synchronously in the tap: WeChat shows its dialog only from one.
    void askToSubscribe(SubscribeMoment.RemindMe).then((list) => {
      const on = (list?.find((s) => s.templateId === templateId)?.remaining ?? 0) > 0;
      setReminder({ templateId, on });
      toast(on ? '已开启服务提醒' : '未开启：请在弹窗中选择“允许”');
    });
  };

  return (
    <SwitchRow
      label="提醒我"
      description="服务开始前，通过微信服务通知提醒您（每开启一次，提醒一次）"
      checked={reminder.on}
      onChange={toggle}
    />
  );
}
