import { ErrorCode } from '@sbd/contracts';
import { defineMachine, IllegalTransitionError } from './state-machine';

type Light = 'off' | 'dim' | 'bright' | 'broken';
type Press = 'press' | 'smash';

const lamp = () =>
  defineMachine<Light, Press>({
    name: '台灯',
    states: { off: '已关闭', dim: '微亮', bright: '全亮', broken: '已损坏' },
    actionLabels: { press: '按开关', smash: '砸' },
    statePhrases: { broken: '已经坏了' },
    transitions: [
      {
        action: 'press',
        from: ['off', 'dim', 'bright'],
        to: (s) => (s === 'off' ? 'dim' : s === 'dim' ? 'bright' : 'off'),
      },
      { action: 'smash', from: ['off', 'dim', 'bright'], to: 'broken' },
    ],
  });

describe('defineMachine', () => {
  it('follows a transition whose target is a function of the state it leaves', () => {
    const m = lamp();
    expect(m.next('off', 'press')).toBe('dim');
    expect(m.next('dim', 'press')).toBe('bright');
    expect(m.next('bright', 'press')).toBe('off');
    expect(m.next('dim', 'smash')).toBe('broken');
  });

  it('refuses what the table does not allow, with a Chinese message using the state phrase', () => {
    const m = lamp();
    expect(m.can('broken', 'press')).toBe(false);
    expect(m.whyNot('broken', 'press')).toBe('台灯已经坏了，不能按开关');
    expect(m.whyNot('dim', 'press')).toBeNull();
    expect(() => m.next('broken', 'smash')).toThrow('台灯已经坏了，不能砸');
  });

  it('throws an IllegalTransitionError carrying machine, state, action and the error code', () => {
    const m = lamp();
    let caught: unknown;
    try {
      m.next('broken', 'press');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(IllegalTransitionError);
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toMatchObject({
      name: 'IllegalTransitionError',
      code: ErrorCode.IllegalTransition,
      machine: '台灯',
      state: 'broken',
      action: 'press',
      message: '台灯已经坏了，不能按开关',
    });
  });

  it('answers for unknown states and actions without throwing in can/whyNot', () => {
    const m = lamp();
    expect(m.can('melted' as Light, 'press')).toBe(false);
    expect(m.whyNot('melted' as Light, 'press')).toBe('台灯状态未知，不能操作');
    expect(m.whyNot('off', 'toString' as Press)).toBe('台灯不支持此操作');
    expect(m.whyNot('constructor' as Light, 'press')).toBe('台灯状态未知，不能操作');
    expect(() => m.next('off', 'kick' as Press)).toThrow(IllegalTransitionError);
  });

  it('lists allowed actions, edges and terminal states', () => {
    const m = lamp();
    expect(m.allowedActions('off')).toEqual(['press', 'smash']);
    expect(m.allowedActions('broken')).toEqual([]);
    expect(m.terminalStates()).toEqual(['broken']);
    expect(m.edges()).toEqual([
      { from: 'off', action: 'press', to: 'dim' },
      { from: 'off', action: 'smash', to: 'broken' },
      { from: 'dim', action: 'press', to: 'bright' },
      { from: 'dim', action: 'smash', to: 'broken' },
      { from: 'bright', action: 'press', to: 'off' },
      { from: 'bright', action: 'smash', to: 'broken' },
    ]);
    expect(m.states).toEqual(['off', 'dim', 'bright', 'broken']);
    expect(m.actions).toEqual(['press', 'smash']);
  });

  it('rejects a table naming the same (state, action) twice', () => {
    expect(() =>
      defineMachine<Light, Press>({
        name: 'x',
        states: { off: 'a', dim: 'b', bright: 'c', broken: 'd' },
        actionLabels: { press: 'p', smash: 's' },
        transitions: [
          { action: 'press', from: ['off'], to: 'dim' },
          { action: 'press', from: ['dim', 'off'], to: 'bright' },
        ],
      }),
    ).toThrow('duplicate transition off --press->');
  });

  it('rejects a table naming an unlabelled state or action', () => {
    const base = {
      name: 'x',
      states: { off: 'a', dim: 'b', bright: 'c', broken: 'd' },
      actionLabels: { press: 'p', smash: 's' },
    };
    expect(() =>
      defineMachine<Light, Press>({ ...base, transitions: [{ action: 'press', from: ['gone' as Light], to: 'dim' }] }),
    ).toThrow('unlabelled state gone');
    expect(() =>
      defineMachine<Light, Press>({ ...base, transitions: [{ action: 'press', from: ['off'], to: 'gone' as Light }] }),
    ).toThrow('unlabelled state gone');
    expect(() =>
      defineMachine<Light, Press>({ ...base, transitions: [{ action: 'kick' as Press, from: ['off'], to: 'dim' }] }),
    ).toThrow('unlabelled action kick');
  });

  it('rejects a function target that leads to an unknown state', () => {
    const m = defineMachine<Light, Press>({
      name: 'x',
      states: { off: 'a', dim: 'b', bright: 'c', broken: 'd' },
      actionLabels: { press: 'p', smash: 's' },
      transitions: [{ action: 'press', from: ['off'], to: () => 'gone' as Light }],
    });
    expect(() => m.next('off', 'press')).toThrow('unknown state gone');
  });
});
