/**
 * What the node action commands share: the nodes a command acts on (the clicked row, a multi-selection, or from the
 * palette: account → pool → nodes pickers like Reimage…), the option quick pick labelled exactly with the REST
 * values, and refusals explained with the service's code and message.
 */
import * as vscode from 'vscode';
import type { ExtensionServices } from '../../extensionServices';
import { explainNodeActionError, type ExplainedAction, type ServiceErrorLike } from '../../nodeActions/explainNodeActionError';
import { isNodeActionAllowed, nodeFacts, whyNotAllowed, type NodeAction } from '../../nodeActions/nodeActionRules';
import type { OptionChoice } from '../../nodeActions/nodeActionOptions';
import { NodeItem } from '../../tree/nodeItem';
import type { PoolItem } from '../../tree/poolItem';
import type { TreeNode } from '../../tree/treeNode';
import { ActionableError, UserCancelledError, errorDetails } from '../../utils/errors';
import type { CommandContext } from '../commandWrapper';
import { pickPoolNodes } from '../nodePicker';
import { pickPool } from '../treeCommands';

/** The palette's node picker: a pool, then its nodes the action applies to (one, or many with `many`), paged. */
async function pickNodes({ tree, gateway, log }: ExtensionServices, action: NodeAction, title: string, many: boolean): Promise<NodeItem[]> {
  const pool: PoolItem = await pickPool(tree, title);
  const nodes = await pickPoolNodes({
    pool,
    api: gateway.batch(pool.parent.account),
    log,
    title: vscode.l10n.t('Nodes of {0} (type a state to filter)', pool.pool.id ?? ''),
    many,
    eligible: (node) => isNodeActionAllowed(action, nodeFacts(node)),
    none: () => new ActionableError(vscode.l10n.t('No node of pool {0} allows this now. Refresh the pool and check the nodes’ states.', pool.pool.id ?? ''), 'NoEligibleNodes'),
  });
  return nodes.map((node) => {
    const existing = tree.ctx.items.get(`${pool.id}/nodes/${node.id}`);
    return existing instanceof NodeItem ? existing.withNode(node) : new NodeItem(pool, tree.ctx, node);
  });
}

export interface ChosenNodes {
  /** Nodes the action applies to now (not followed by the tree, in an allowed state). */
  allowed: NodeItem[];
  /** How many selected nodes were left out, and why the first one was. */
  leftOut: number;
  firstReason?: string;
}

/**
 * The nodes to act on: the selection (or the clicked row), else the palette pickers. Throws an ActionableError
 * naming the state rule when none applies.
 */
export async function chooseNodes(
  services: ExtensionServices,
  ctx: CommandContext,
  action: NodeAction,
  title: string,
  many: boolean,
  clicked?: TreeNode,
  selection?: readonly TreeNode[],
): Promise<ChosenNodes> {
  ctx.telemetry.properties.source = clicked ? 'tree' : 'palette';
  const chosen = clicked ? (many && selection?.length ? selection : [clicked]) : await pickNodes(services, action, title, many);
  const nodes = chosen.filter((n): n is NodeItem => n instanceof NodeItem);
  const transient = services.tree.ctx.transient;
  const allowed = nodes.filter((n) => !transient.has(n.id) && isNodeActionAllowed(action, nodeFacts(n.node)));
  const refused = nodes.filter((n) => !allowed.includes(n));
  const firstReason = refused[0] ? (transient.has(refused[0].id) ? vscode.l10n.t('Node {0} is busy with an action started here; wait until it ends.', refused[0].node.id ?? '') : whyNotAllowed(action, nodeFacts(refused[0].node))) : undefined;
  if (allowed.length === 0) {
    throw new ActionableError(vscode.l10n.t('{0} Refresh the pool and try again when the node allows it.', firstReason ?? vscode.l10n.t('No node was selected.')), 'NoEligibleNodes');
  }
  ctx.telemetry.measurements.nodeCount = allowed.length;
  return { allowed, leftOut: refused.length, firstReason };
}

/** A quick pick of the option values (labels exactly the REST values), the last choice of this command preselected. */
export async function pickOption<T extends string>({ context }: ExtensionServices, key: string, title: string, choices: OptionChoice<T>[]): Promise<T> {
  const last = context.globalState.get<string>(key);
  const quickPick = vscode.window.createQuickPick<OptionChoice<T>>();
  quickPick.title = title;
  quickPick.items = choices;
  quickPick.activeItems = choices.filter((c) => c.label === last).slice(0, 1);
  quickPick.ignoreFocusOut = true;
  const chosen = await new Promise<T | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]?.label ?? quickPick.activeItems[0]?.label));
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  if (!chosen) {
    throw new UserCancelledError('option');
  }
  await context.globalState.update(key, chosen);
  return chosen;
}

/** A modal question with one button; anything else cancels. */
export async function confirm(subject: string, detail: string, button: string): Promise<void> {
  const answer = await vscode.window.showWarningMessage(subject, { modal: true, detail }, button);
  if (answer !== button) {
    throw new UserCancelledError('confirm');
  }
}

/** A service refusal as an ActionableError: meaning, what to do, the service's code and message. */
export function refusal(action: ExplainedAction, error: unknown): ActionableError {
  const e = error as ServiceErrorLike & { code?: string };
  const wrapped = new ActionableError(explainNodeActionError(action, e), e.code && /^[A-Za-z][A-Za-z0-9_.]{0,63}$/.test(e.code) ? e.code : 'ServiceError');
  // The log gets the service's full error with its request ids.
  Object.assign(wrapped, { cause: error, toLogString: () => `${wrapped.message}\n${errorDetails(error)}` });
  return wrapped;
}

/** Runs `send`, turning a service error into an explained refusal (the original stays as the cause, for the log). */
export async function explained<T>(action: ExplainedAction, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if ((error as { name?: string })?.name?.match(/Abort|Cancel/)) {
      throw error;
    }
    throw refusal(action, error);
  }
}
