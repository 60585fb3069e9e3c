import { nodeActionTokens, type NodeFacts } from '../nodeActions/nodeActionRules';

/**
 * How a compute node's state shows in the tree: codicon, theme colour, spinner, contextValue tokens.
 * Pure (no `vscode`) so it is unit-tested on Node; the tree turns the names into ThemeIcon/ThemeColor.
 */

/** States that accept a reimage (the service refuses any other). */
export const REIMAGEABLE_STATES: ReadonlySet<string> = new Set(['idle', 'running']);

export interface NodeStateLook {
  /** Codicon id. */
  icon: string;
  /** Theme colour id, or undefined for the default foreground. */
  color?: string;
  /** True while the node is between states (shown with a spinner). */
  busy: boolean;
}

const LOOKS: Record<string, NodeStateLook> = {
  idle: { icon: 'pass', color: 'testing.iconPassed', busy: false },
  running: { icon: 'play-circle', color: 'charts.blue', busy: false },
  unusable: { icon: 'error', color: 'errorForeground', busy: false },
  starttaskfailed: { icon: 'warning', color: 'list.warningForeground', busy: false },
  reimaging: { icon: 'loading~spin', busy: true },
  rebooting: { icon: 'loading~spin', busy: true },
  starting: { icon: 'loading~spin', busy: true },
  creating: { icon: 'loading~spin', busy: true },
  waitingforstarttask: { icon: 'loading~spin', busy: true },
  upgradingos: { icon: 'loading~spin', busy: true },
  deallocating: { icon: 'loading~spin', busy: true },
  offline: { icon: 'circle-slash', color: 'disabledForeground', busy: false },
  preempted: { icon: 'debug-disconnect', color: 'list.warningForeground', busy: false },
  leavingpool: { icon: 'sign-out', color: 'disabledForeground', busy: false },
  deallocated: { icon: 'circle-outline', color: 'disabledForeground', busy: false },
  unknown: { icon: 'question', color: 'disabledForeground', busy: false },
};

export function nodeStateLook(state: string | undefined): NodeStateLook {
  return LOOKS[state ?? 'unknown'] ?? LOOKS.unknown;
}

/**
 * contextValue of a node item: space-separated tokens, matched in package.json with `viewItem =~ /\btoken\b/`.
 * "reimageable" appears only while the node is idle or running; the node actions' tokens (rebootable, removable, …)
 * follow `nodeActionTokens` when the node's facts are given.
 */
export function nodeContextValue(state: string | undefined, options: { transient?: boolean; facts?: NodeFacts } = {}): string {
  const tokens = ['azureBatchNode', `state-${state ?? 'unknown'}`];
  if (!options.transient && state && REIMAGEABLE_STATES.has(state)) {
    tokens.push('reimageable');
  }
  if (options.facts) {
    tokens.push(...nodeActionTokens({ ...options.facts, state }, { transient: options.transient }));
  }
  return tokens.join(' ');
}

/** Every node state the service documents, in the order the filter picker lists them. */
export const NODE_STATES = [
  'idle', 'running', 'starting', 'waitingforstarttask', 'starttaskfailed', 'unusable', 'creating', 'rebooting',
  'reimaging', 'offline', 'preempted', 'leavingpool', 'upgradingos', 'deallocating', 'deallocated', 'unknown',
] as const;

/** `$filter` for a set of states: "state eq 'idle' or state eq 'running'". Empty set = no filter. */
export function stateFilter(states: readonly string[]): string | undefined {
  const valid = states.filter((s) => (NODE_STATES as readonly string[]).includes(s));
  return valid.length === 0 ? undefined : valid.map((s) => `state eq '${s}'`).join(' or ');
}
