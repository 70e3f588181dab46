import type { Machine } from '@sbd/domain';

/** An automatic state change (no user asked for it) as SQL parameters, decided by the state machine. */
export interface AutomaticTransition<S extends string> {
  /** The state the action leads to. */
  readonly to: S;
  /** The states it may leave; spread them after the other parameters of `statusIn`. */
  readonly from: readonly S[];
  /** `status IN (?, …)`, one placeholder per `from` state, for the WHERE clause. */
  readonly statusIn: string;
}

/**
 * The SQL side of an automatic transition (a task starting at the first check-in, a hold expiring,
 * a waitlisted claim promoted), taken from the machine once, at start-up: `from` is every state the
 * action may leave — or the `only` ones, each checked against the machine — and all must lead to
 * the same state. A literal `SET status = 'x' WHERE status = 'y'` could drift from the rules; this
 * cannot.
 */
export function automaticTransition<S extends string, A extends string>(
  machine: Machine<S, A>,
  action: A,
  only?: readonly S[],
): AutomaticTransition<S> {
  const from = only ?? machine.states.filter((s) => machine.can(s, action));
  if (!from.length) throw new Error(`${machine.name}: no state allows ${action}`);
  const targets = new Set(from.map((s) => machine.next(s, action)));
  if (targets.size !== 1)
    throw new Error(`${machine.name}: ${action} leads to several states (${[...targets].join(', ')})`);
  return { to: [...targets][0], from, statusIn: `status IN (${from.map(() => '?').join(', ')})` };
}
