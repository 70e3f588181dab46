import { fireEvent, render, screen } from '@testing-library/react';
import { Role } from '@sbd/contracts';
import { nextStepFor, type NextStep } from '@sbd/domain';
import Taro, { __taro } from '@test/doubles/taro';
import { NextStepCard } from './NextStep';

beforeEach(() => __taro.reset());

const open = (step: NextStep, button: string) => {
  render(<NextStepCard step={step} />);
  expect(screen.getByText(step.title)).toBeTruthy();
  expect(screen.getByText(step.text)).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: button }));
  const calls = [...(Taro.navigateTo as jest.Mock).mock.calls, ...(Taro.switchTab as jest.Mock).mock.calls];
  return calls.map((c) => (c[0] as { url: string }).url);
};

describe('接下来 on 首页', () => {
  it('opens the task to check in once check-in is open', () => {
    const ids = { claimId: 3, taskId: 9 };
    expect(
      open({ kind: 'checkIn', title: '下一次服务：修灯', text: '今天 09:00', canCheckIn: true, ...ids }, '签到'),
    ).toEqual(['/packageMember/pages/task/index?id=9']);
  });

  it('asks to confirm a place offered from the waitlist, and opens the task to 确认参加', () => {
    // 2031-03-05 10:00 in China; the hold ends at 18:30 the same day.
    const now = Date.parse('2031-03-05T02:00:00Z');
    const step = nextStepFor(
      Role.Member,
      {
        registration: null,
        nextService: null,
        claimToConfirm: { claimId: 31, taskId: 12, title: '周末助老', holdExpiresAt: '2031-03-05T10:30:00Z' },
        needToRate: null,
        triage: null,
        hasCommunity: true,
      },
      now,
    );
    expect(step?.kind).toBe('confirmClaim');
    expect(open(step!, '去确认')).toEqual(['/packageMember/pages/task/index?id=12']);
    expect(screen.getByText('待确认：周末助老')).toBeTruthy();
    expect(screen.getByText(/^候补到名额，请在3月5日 ?18:30前确认参加$/)).toBeTruthy();
  });

  it('says 查看任务 before check-in opens', () => {
    const step: NextStep = {
      kind: 'checkIn',
      title: '下一次服务：修灯',
      text: '还没到签到时间',
      canCheckIn: false,
      claimId: 3,
      taskId: 9,
    };
    expect(open(step, '查看任务')).toEqual(['/packageMember/pages/task/index?id=9']);
  });

  it.each<[NextStep, string, string]>([
    [
      { kind: 'rateNeed', title: '待评价：修灯', text: '服务已完成，请您评价', needId: 4 },
      '去评价',
      '/packageResident/pages/need/index?id=4',
    ],
    [
      { kind: 'registrationPending', title: '报到审核中', text: '桃园社区正在审核' },
      '查看审核进度',
      '/packageMember/pages/status/index',
    ],
    [
      { kind: 'triage', title: '待分拣 3', text: '有居民需求等待受理', communityId: 2, waiting: 3 },
      '去分拣',
      '/packageAdmin/pages/needs/index',
    ],
    [
      { kind: 'joinCommunity', title: '加入您的社区', text: '输入社区编码' },
      '加入社区',
      '/packageResident/pages/join/index',
    ],
    [
      { kind: 'postNeed', title: '有困难，找社区', text: '说出您的需求' },
      '说出需求',
      '/packageResident/pages/post/index',
    ],
    [{ kind: 'findTask', title: '暂无待参加的服务', text: '去任务大厅看看' }, '去看看任务', '/pages/tasks/index'],
  ])('%#: each other kind has its button and page', (step, button, url) => {
    expect(open(step, button)).toEqual([url]);
  });
});
