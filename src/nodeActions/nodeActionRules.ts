/**
 * Which node and pool actions the Batch service allows in which state, as contextValue tokens (matched in
 * package.json with `viewItem =~ /\btoken\b/`) and as plain-language reasons when it does not. Pure (no `vscode`).
 *
 * From the REST reference (2025-06-01.21.0) and the issue:
 *   rebootable         idle, running (REST) and starttaskfailed (a reboot reruns the start task; Batch Explorer's remedy)
 *   deallocatable      idle, running;           startable: deallocated
 *   schedulingEnabled  the node takes tasks: "Disable Scheduling…" applies; schedulingDisabled: "Enable Scheduling"
 *                      (both only while the node agent answers: idle, running, offline, starttaskfailed, waitingforstarttask)
 *   removable          any node not already leaving the pool (the pool must also be steady: see poolActionTokens)
 *   remoteLogin        the node is up (login settings and Copy SSH Command make sense)
 *   addUser            idle, running (REST), offline and starttaskfailed (logging in to find out why it failed)
 *   hasFiles           the node agent serves files;  hasStartTaskOutput: that, and the pool has a start task
 *   uploadLogs         the node agent answers
 * While the tree follows a node through an action it started (`transient`), no action token is given.
 */
import * as l10n from '../utils/l10n';

export const REBOOTABLE_STATES: ReadonlySet<string> = new Set(['idle', 'running', 'starttaskfailed']);
export const DEALLOCATABLE_STATES: ReadonlySet<string> = new Set(['idle', 'running']);
export const STARTABLE_STATES: ReadonlySet<string> = new Set(['deallocated']);
export const SCHEDULING_STATES: ReadonlySet<string> = new Set(['idle', 'running', 'offline', 'starttaskfailed', 'waitingforstarttask']);
export const REMOTE_LOGIN_STATES: ReadonlySet<string> = new Set(['idle', 'running', 'offline', 'starttaskfailed', 'waitingforstarttask', 'unusable']);
export const ADD_USER_STATES: ReadonlySet<string> = new Set(['idle', 'running', 'offline', 'starttaskfailed']);
export const FILE_STATES: ReadonlySet<string> = new Set(['idle', 'running', 'offline', 'starttaskfailed', 'waitingforstarttask', 'unusable', 'leavingpool']);

export type NodeActionToken =
  | 'rebootable'
  | 'removable'
  | 'schedulingEnabled'
  | 'schedulingDisabled'
  | 'deallocatable'
  | 'startable'
  | 'remoteLogin'
  | 'addUser'
  | 'hasFiles'
  | 'hasStartTaskOutput'
  | 'uploadLogs';

export type NodeAction =
  | 'reboot'
  | 'remove'
  | 'disableScheduling'
  | 'enableScheduling'
  | 'deallocate'
  | 'start'
  | 'remoteLogin'
  | 'addUser'
  | 'browseFiles'
  | 'openStartTaskOutput'
  | 'uploadLogs';

/** What the rules need to know about a node (BatchNode fields). */
export interface NodeFacts {
  id?: string;
  state?: string;
  schedulingState?: string;
  /** The node has a start task (BatchNode.startTask or startTaskInfo present). */
  hasStartTask?: boolean;
}

/** NodeFacts from a BatchNode-shaped object. */
export function nodeFacts(node: { id?: string; state?: string; schedulingState?: string; startTask?: unknown; startTaskInfo?: unknown }): NodeFacts {
  return { id: node.id, state: node.state, schedulingState: node.schedulingState, hasStartTask: node.startTask !== undefined || node.startTaskInfo !== undefined };
}

const ALLOWED: Record<NodeAction, (n: NodeFacts) => boolean> = {
  reboot: (n) => REBOOTABLE_STATES.has(n.state ?? ''),
  remove: (n) => n.state !== 'leavingpool',
  disableScheduling: (n) => SCHEDULING_STATES.has(n.state ?? '') && n.schedulingState !== 'disabled',
  enableScheduling: (n) => SCHEDULING_STATES.has(n.state ?? '') && n.schedulingState === 'disabled',
  deallocate: (n) => DEALLOCATABLE_STATES.has(n.state ?? ''),
  start: (n) => STARTABLE_STATES.has(n.state ?? ''),
  remoteLogin: (n) => REMOTE_LOGIN_STATES.has(n.state ?? ''),
  addUser: (n) => ADD_USER_STATES.has(n.state ?? ''),
  browseFiles: (n) => FILE_STATES.has(n.state ?? ''),
  openStartTaskOutput: (n) => n.hasStartTask === true && FILE_STATES.has(n.state ?? ''),
  uploadLogs: (n) => FILE_STATES.has(n.state ?? ''),
};

const TOKENS: [NodeActionToken, NodeAction][] = [
  ['rebootable', 'reboot'],
  ['removable', 'remove'],
  ['schedulingEnabled', 'disableScheduling'],
  ['schedulingDisabled', 'enableScheduling'],
  ['deallocatable', 'deallocate'],
  ['startable', 'start'],
  ['remoteLogin', 'remoteLogin'],
  ['addUser', 'addUser'],
  ['hasFiles', 'browseFiles'],
  ['hasStartTaskOutput', 'openStartTaskOutput'],
  ['uploadLogs', 'uploadLogs'],
];

/** Reading files is no action: those tokens stay while the tree follows the node. */
const READ_ONLY: ReadonlySet<NodeActionToken> = new Set(['hasFiles', 'hasStartTaskOutput']);

export function isNodeActionAllowed(action: NodeAction, node: NodeFacts): boolean {
  return ALLOWED[action](node);
}

/** The node's action tokens, in a fixed order (append them to the node item's contextValue). */
export function nodeActionTokens(node: NodeFacts, options: { transient?: boolean } = {}): NodeActionToken[] {
  return TOKENS.filter(([token, action]) => (!options.transient || READ_ONLY.has(token)) && ALLOWED[action](node)).map(([token]) => token);
}

/** Pool tokens: `resizable` (steady, no autoscale), `resizing` (Stop Resize applies), `nodesRemovable` (steady). */
export function poolActionTokens(pool: { allocationState?: string; enableAutoScale?: boolean }): string[] {
  const tokens: string[] = [];
  if (pool.allocationState === 'steady' && pool.enableAutoScale !== true) { tokens.push('resizable'); }
  if (pool.allocationState === 'resizing') { tokens.push('resizing'); }
  if (pool.allocationState === 'steady') { tokens.push('nodesRemovable'); }
  return tokens;
}

/** Why the service would refuse `action` on this node now (undefined when it is allowed). */
export function whyNotAllowed(action: NodeAction, node: NodeFacts): string | undefined {
  if (ALLOWED[action](node)) { return undefined; }
  const id = node.id ?? '';
  const state = node.state ?? l10n.t('an unknown state');
  switch (action) {
    case 'reboot':
      return l10n.t('Node {0} is {1}: the service reboots a node only while it is idle or running, or after its start task failed.', id, state);
    case 'remove':
      return l10n.t('Node {0} is already leaving the pool.', id);
    case 'disableScheduling':
      return node.schedulingState === 'disabled'
        ? l10n.t('Scheduling is already disabled on node {0}.', id)
        : l10n.t('Node {0} is {1}: scheduling can be changed only while the node is idle, running, offline, waiting for or failed in its start task.', id, state);
    case 'enableScheduling':
      return node.schedulingState !== 'disabled'
        ? l10n.t('Scheduling is already enabled on node {0}.', id)
        : l10n.t('Node {0} is {1}: scheduling can be changed only while the node is idle, running, offline, waiting for or failed in its start task.', id, state);
    case 'deallocate':
      return l10n.t('Node {0} is {1}: the service deallocates a node only while it is idle or running.', id, state);
    case 'start':
      return l10n.t('Node {0} is {1}: only a deallocated node can be started.', id, state);
    case 'remoteLogin':
      return l10n.t('Node {0} is {1}: there is nothing to log in to until it is up.', id, state);
    case 'addUser':
      return l10n.t('Node {0} is {1}: user accounts can be added while a node is idle, running, offline or after its start task failed.', id, state);
    case 'openStartTaskOutput':
      return node.hasStartTask
        ? l10n.t('Node {0} is {1}: its files can be read once it is up.', id, state)
        : l10n.t('The pool of node {0} has no start task.', id);
    case 'browseFiles':
    case 'uploadLogs':
      return l10n.t('Node {0} is {1}: its files and logs can be read once it is up.', id, state);
  }
}

/**
 * What to offer on a node in trouble, in order: a start-task-failed node gets Open Start Task Output, Reboot… and
 * Remove from Pool…; an unusable one its start task output (if any) and Remove from Pool…. Empty for healthy nodes.
 */
export function remediesFor(node: NodeFacts): NodeAction[] {
  if (node.state === 'starttaskfailed') {
    return [...(node.hasStartTask !== false ? (['openStartTaskOutput'] as NodeAction[]) : []), 'reboot', 'remove'];
  }
  if (node.state === 'unusable') {
    return [...(node.hasStartTask ? (['openStartTaskOutput'] as NodeAction[]) : []), 'remove'];
  }
  return [];
}

/** One sentence for the node's tooltip and failure messages, naming the remedies (undefined for healthy nodes). */
export function remedyHint(node: NodeFacts): string | undefined {
  if (node.state === 'starttaskfailed') {
    return l10n.t('Open Start Task Output to see why the start task failed. Reboot… runs it again; Remove from Pool… gives the node back.');
  }
  if (node.state === 'unusable') {
    return node.hasStartTask
      ? l10n.t('The node cannot run tasks. Open Start Task Output and the node errors to see why; Remove from Pool… gives the node back.')
      : l10n.t('The node cannot run tasks. Check the node errors; Remove from Pool… gives the node back.');
  }
  return undefined;
}

export type FollowedAction = 'reboot' | 'deallocate' | 'start' | 'disableScheduling' | 'remove';

/** States in which a followed node has finished the action (removal ends when the node is gone: NodeNotFound). */
const END_STATES: Record<FollowedAction, ReadonlySet<string>> = {
  reboot: new Set(['idle', 'starttaskfailed', 'unusable', 'unknown', 'preempted', 'offline']),
  deallocate: new Set(['deallocated', 'unusable', 'unknown']),
  start: new Set(['idle', 'starttaskfailed', 'unusable', 'unknown', 'offline']),
  disableScheduling: new Set(['offline', 'starttaskfailed', 'unusable', 'unknown', 'waitingforstarttask']),
  remove: new Set(),
};

/**
 * Whether the tree can stop following a node after `action`: it reached an end state. A node that is still running
 * (its tasks finishing first, for taskcompletion / retaineddata) or between states is not done yet.
 */
export function isActionSettled(action: FollowedAction, state: string | undefined): boolean {
  return state !== undefined && END_STATES[action].has(state);
}

/** The row's spinner text while the tree follows the node. */
export function followLabel(action: FollowedAction): string {
  switch (action) {
    case 'reboot': return l10n.t('Rebooting…');
    case 'deallocate': return l10n.t('Deallocating…');
    case 'start': return l10n.t('Starting…');
    case 'disableScheduling': return l10n.t('Disabling scheduling…');
    case 'remove': return l10n.t('Leaving the pool…');
  }
}
