import * as vscode from 'vscode';
import type { BatchNode } from '../azure/batch/batchModels';
import { ext } from '../ext';
import type { BatchAccountApi } from '../tree/backend';
import { NODE_SELECT } from '../tree/nodeSelect';
import type { NodeItem } from '../tree/nodeItem';
import type { TreeContext } from '../tree/treeContext';
import { errorMessage } from '../utils/errors';

export type FollowResult =
  | { kind: 'idle'; node: BatchNode }
  | { kind: 'failed'; node: BatchNode }
  | { kind: 'timeout'; state?: string }
  | { kind: 'stopped' };

const POLL_GAP_MS = 100;
const FAILED = new Set(['unusable', 'starttaskfailed']);
const BETWEEN = new Set(['reimaging', 'starting', 'waitingforstarttask', 'creating', 'rebooting']);

/**
 * After a 202 the node shows "Reimaging…" with a spinner; the follower polls it until it is idle again (done) or
 * lands in unusable/starttaskfailed (a failure, with the node's errors). It gives up with a clear message after a
 * timeout, and stops when the extension deactivates.
 */
export class NodeFollower implements vscode.Disposable {
  private readonly stop = new AbortController();
  /** When the next poll may go out: all followed nodes share at most 10 polls a second (500 nodes don't flood). */
  private nextSlot = 0;
  /** Node ids currently followed, for tests and the log. */
  readonly following = new Set<string>();

  constructor(private readonly ctx: TreeContext, private readonly pollMs = { first: 1000, later: 4000, switchAfterMs: 20_000 }) {}

  async follow(item: NodeItem, api: BatchAccountApi, sentAt: number, timeoutMs: number): Promise<FollowResult> {
    const poolId = item.parent.pool.id ?? '';
    const nodeId = item.node.id ?? '';
    this.following.add(item.id);
    this.ctx.transient.set(item.id, vscode.l10n.t('Reimaging…'));
    this.ctx.redraw(item);
    const started = Date.now();
    let seenBetween = false;
    let lastState: string | undefined;
    try {
      while (!this.stop.signal.aborted) {
        if (Date.now() - started > timeoutMs) {
          return { kind: 'timeout', state: lastState };
        }
        await new Promise((r) => setTimeout(r, Date.now() - started < this.pollMs.switchAfterMs ? this.pollMs.first : this.pollMs.later));
        if (this.stop.signal.aborted) {
          break;
        }
        await this.pace();
        let node: BatchNode;
        try {
          node = await api.getNode(poolId, nodeId, NODE_SELECT);
        } catch (error) {
          ext().log.warn(`Following ${nodeId}: ${errorMessage(error)}`);
          continue;
        }
        lastState = node.state;
        const changedSinceSend = node.stateTransitionTime ? Date.parse(node.stateTransitionTime) >= sentAt - 1000 : false;
        if (node.state && BETWEEN.has(node.state)) {
          seenBetween = true;
        }
        if (node.state === 'idle' && (seenBetween || changedSinceSend)) {
          this.update(item, node);
          return { kind: 'idle', node };
        }
        if (node.state && FAILED.has(node.state) && (seenBetween || changedSinceSend)) {
          this.update(item, node);
          return { kind: 'failed', node };
        }
      }
      return { kind: 'stopped' };
    } finally {
      this.following.delete(item.id);
      this.ctx.transient.delete(item.id);
      this.ctx.redraw(item);
    }
  }

  private async pace(): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + POLL_GAP_MS;
    if (slot > now) {
      await new Promise((r) => setTimeout(r, slot - now));
    }
  }

  /** Updates the row object given and the one the view shows for the same id. */
  private update(item: NodeItem, node: BatchNode): void {
    item.update(node);
    const shown = this.ctx.items.get(item.id);
    if (shown && shown !== item && 'update' in shown) {
      (shown as NodeItem).update(node);
    }
  }

  dispose(): void {
    this.stop.abort();
  }
}
