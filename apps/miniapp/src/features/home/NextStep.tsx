import { Text, View } from '@tarojs/components';
import { PAGES } from '@sbd/contracts';
import type { NextStep } from '@sbd/domain';
import { openPage } from '@/platform/nav';
import { Btn } from '@/ui/Button';
import './next-step.css';

/** The button of each kind of next step: its words and the page it opens. */
function actionOf(step: NextStep): { text: string; url: string; secondary?: boolean } {
  switch (step.kind) {
    case 'confirmClaim':
      return { text: '去确认', url: `${PAGES.task}?id=${step.taskId}` };
    case 'checkIn':
      return step.canCheckIn
        ? { text: '签到', url: `${PAGES.task}?id=${step.taskId}` }
        : { text: '查看任务', url: `${PAGES.task}?id=${step.taskId}`, secondary: true };
    case 'checkOut':
      return { text: '签退', url: `${PAGES.task}?id=${step.taskId}` };
    case 'rateNeed':
      return { text: '去评价', url: `${PAGES.need}?id=${step.needId}` };
    case 'registrationPending':
      return { text: '查看审核进度', url: PAGES.status, secondary: true };
    case 'triage':
      return { text: '去分拣', url: PAGES.triage };
    case 'joinCommunity':
      return { text: '加入社区', url: PAGES.joinCommunity };
    case 'postNeed':
      return { text: '说出需求', url: PAGES.postNeed };
    case 'findTask':
      return { text: '去看看任务', url: PAGES.tasks, secondary: true };
  }
}

/** The first card of the home page: the one thing to do next (domain `nextStepFor`). */
export function NextStepCard({ step }: { step: NextStep }) {
  const action = actionOf(step);
  return (
    <View className="card next-step">
      <Text className="t-s t-muted block">接下来</Text>
      <Text className="t-l t-bold block next-step-title">{step.title}</Text>
      <Text className="t-m block mb-24">{step.text}</Text>
      <Btn variant={action.secondary ? 'secondary' : 'primary'} onClick={() => openPage(action.url)}>
        {action.text}
      </Btn>
    </View>
  );
}
