/**
 * The option lists of the node actions, labelled exactly with the service's values (the quick picks show them as
 * is) and described by what they do to the node's running tasks (wording from BatchService.json 2025-06-01.21.0).
 * Pure; the descriptions go through l10n.
 */
import type {
  BatchNodeDeallocateOption,
  BatchNodeDeallocationOption,
  BatchNodeDisableSchedulingOption,
  BatchNodeRebootOption,
} from '../azure/batch/nodeOperationModels';
import * as l10n from '../utils/l10n';

/** requeue, terminate, taskcompletion, retaineddata: nodeRebootOption, nodeDeallocationOption, nodeDeallocateOption. */
export const TASK_OPTIONS = ['requeue', 'terminate', 'taskcompletion', 'retaineddata'] as const;
/** requeue, terminate, taskcompletion: nodeDisableSchedulingOption (no retaineddata). */
export const DISABLE_SCHEDULING_OPTIONS = ['requeue', 'terminate', 'taskcompletion'] as const;

export interface OptionChoice<T extends string> {
  /** The service's value, shown as the quick pick label. */
  label: T;
  /** What it does to running tasks. */
  description: string;
}

export function isTaskOption(value: unknown): value is (typeof TASK_OPTIONS)[number] {
  return typeof value === 'string' && (TASK_OPTIONS as readonly string[]).includes(value);
}

export function isDisableSchedulingOption(value: unknown): value is BatchNodeDisableSchedulingOption {
  return typeof value === 'string' && (DISABLE_SCHEDULING_OPTIONS as readonly string[]).includes(value);
}

/** Reboot…: nodeRebootOption. */
export function rebootOptionChoices(): OptionChoice<BatchNodeRebootOption>[] {
  return [
    { label: 'requeue', description: l10n.t('Stop running tasks and requeue them; reboot at once.') },
    { label: 'terminate', description: l10n.t('Stop running tasks; they fail and never run again; reboot at once.') },
    { label: 'taskcompletion', description: l10n.t('Let running tasks finish, schedule no new ones, then reboot.') },
    { label: 'retaineddata', description: l10n.t('Let running tasks finish and their data retention expire, then reboot.') },
  ];
}

/** Remove from Pool… and Resize… when shrinking: nodeDeallocationOption. */
export function nodeDeallocationOptionChoices(): OptionChoice<BatchNodeDeallocationOption>[] {
  return [
    { label: 'requeue', description: l10n.t('Stop running tasks and requeue them; remove the node at once.') },
    { label: 'terminate', description: l10n.t('Stop running tasks; they fail and never run again; remove the node at once.') },
    { label: 'taskcompletion', description: l10n.t('Let running tasks finish, schedule no new ones, then remove the node.') },
    { label: 'retaineddata', description: l10n.t('Let running tasks finish and their data retention expire, then remove the node.') },
  ];
}

/** Deallocate…: nodeDeallocateOption. */
export function deallocateOptionChoices(): OptionChoice<BatchNodeDeallocateOption>[] {
  return [
    { label: 'requeue', description: l10n.t('Stop running tasks and requeue them; deallocate at once.') },
    { label: 'terminate', description: l10n.t('Stop running tasks; they fail and never run again; deallocate at once.') },
    { label: 'taskcompletion', description: l10n.t('Let running tasks finish, schedule no new ones, then deallocate.') },
    { label: 'retaineddata', description: l10n.t('Let running tasks finish and their data retention expire, then deallocate.') },
  ];
}

/** Disable Scheduling…: nodeDisableSchedulingOption. */
export function disableSchedulingOptionChoices(): OptionChoice<BatchNodeDisableSchedulingOption>[] {
  return [
    { label: 'requeue', description: l10n.t('Stop running tasks and requeue them; the node goes offline at once.') },
    { label: 'terminate', description: l10n.t('Stop running tasks; they fail and never run again; the node goes offline at once.') },
    { label: 'taskcompletion', description: l10n.t('Let running tasks finish; the node goes offline when they are done.') },
  ];
}
