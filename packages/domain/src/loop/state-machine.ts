import { ErrorCode } from '@sbd/contracts';

/** One edge family: `action` moves any state of `from` to `to` (a state, or a function of the state it leaves). */
export interface TransitionDef<S extends string, A extends string> {
  action: A;
  from: readonly S[];
  to: S | ((from: S) => S);
}

export interface MachineDef<S extends string, A extends string> {
  /** Chinese name of the thing, used in messages: 需求, 任务, 报名. */
  name: string;
  /** Chinese label of every state. */
  states: Record<S, string>;
  /** Chinese label of every action. */
  actionLabels: Record<A, string>;
  transitions: readonly TransitionDef<S, A>[];
  /**
   * How a state reads inside a refusal ("需求{phrase}，不能{action}"); defaults to the state label.
   * E.g. draft: '尚未发布' gives "任务尚未发布，不能开始".
   */
  statePhrases?: Partial<Record<S, string>>;
}

/** One resolved edge of the table. */
export interface Edge<S extends string, A extends string> {
  from: S;
  action: A;
  to: S;
}

export interface Machine<S extends string, A extends string> {
  readonly name: string;
  readonly states: readonly S[];
  readonly actions: readonly A[];
  readonly stateLabels: Readonly<Record<S, string>>;
  readonly actionLabels: Readonly<Record<A, string>>;
  can(state: S, action: A): boolean;
  /** The state `action` leads to; throws IllegalTransitionError (Chinese message) when it is not allowed. */
  next(state: S, action: A): S;
  /** Actions allowed in `state`, in the order of the action labels. */
  allowedActions(state: S): A[];
  /** Null when allowed, otherwise a Chinese sentence saying why not. */
  whyNot(state: S, action: A): string | null;
  /** Every allowed (from, action, to), for documentation and tests. */
  edges(): Edge<S, A>[];
  /** States with no way out. */
  terminalStates(): S[];
}

/** A state change that the rules forbid. `message` is Chinese and fit to show to users. */
export class IllegalTransitionError extends Error {
  readonly code = ErrorCode.IllegalTransition;
  constructor(
    message: string,
    readonly machine: string,
    readonly state: string,
    readonly action: string,
  ) {
    super(message);
    this.name = 'IllegalTransitionError';
  }
}

const has = <K extends string>(record: Record<K, string>, key: string): key is K =>
  Object.prototype.hasOwnProperty.call(record, key);

/**
 * Defines a finite state machine from a table. Checks the table at definition time: every state
 * and action named is labelled, and no (state, action) pair appears twice.
 */
export function defineMachine<S extends string, A extends string>(def: MachineDef<S, A>): Machine<S, A> {
  const states = Object.keys(def.states) as S[];
  const actions = Object.keys(def.actionLabels) as A[];
  const table = new Map<string, TransitionDef<S, A>>();
  const key = (s: string, a: string) => `${s}\u0000${a}`;

  for (const t of def.transitions) {
    if (!has(def.actionLabels, t.action)) throw new Error(`${def.name}: unlabelled action ${t.action}`);
    for (const from of t.from) {
      if (!has(def.states, from)) throw new Error(`${def.name}: unlabelled state ${from}`);
      if (table.has(key(from, t.action))) throw new Error(`${def.name}: duplicate transition ${from} --${t.action}->`);
      table.set(key(from, t.action), t);
      if (typeof t.to === 'string' && !has(def.states, t.to)) throw new Error(`${def.name}: unlabelled state ${t.to}`);
    }
  }

  const resolve = (state: S, t: TransitionDef<S, A>): S => {
    const to = typeof t.to === 'function' ? t.to(state) : t.to;
    if (!has(def.states, to)) throw new Error(`${def.name}: transition ${state} --${t.action}-> unknown state ${to}`);
    return to;
  };

  const phrase = (state: S) => def.statePhrases?.[state] ?? def.states[state];

  const whyNot = (state: S, action: A): string | null => {
    if (!has(def.states, state)) return `${def.name}状态未知，不能操作`;
    if (!has(def.actionLabels, action)) return `${def.name}不支持此操作`;
    if (table.has(key(state, action))) return null;
    return `${def.name}${phrase(state)}，不能${def.actionLabels[action]}`;
  };

  const can = (state: S, action: A) => whyNot(state, action) === null;

  const next = (state: S, action: A): S => {
    const reason = whyNot(state, action);
    if (reason !== null) throw new IllegalTransitionError(reason, def.name, String(state), String(action));
    return resolve(state, table.get(key(state, action)) as TransitionDef<S, A>);
  };

  const allowedActions = (state: S) => actions.filter((a) => can(state, a));

  const edges = () =>
    states.flatMap((from) => allowedActions(from).map((action) => ({ from, action, to: next(from, action) })));

  return {
    name: def.name,
    states,
    actions,
    stateLabels: def.states,
    actionLabels: def.actionLabels,
    can,
    next,
    allowedActions,
    whyNot,
    edges,
    terminalStates: () => states.filter((s) => allowedActions(s).length === 0),
  };
}
