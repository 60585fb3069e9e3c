/** The four `nodeReimageOption` values and what each does to running tasks. Pure. */
export const REIMAGE_OPTIONS = ['requeue', 'terminate', 'taskcompletion', 'retaineddata'] as const;
export type ReimageOption = (typeof REIMAGE_OPTIONS)[number];

export function isReimageOption(value: unknown): value is ReimageOption {
  return typeof value === 'string' && (REIMAGE_OPTIONS as readonly string[]).includes(value);
}

/** English source text; the command passes it through vscode.l10n.t. */
export const REIMAGE_OPTION_EFFECTS: Record<ReimageOption, string> = {
  requeue: 'Terminate running tasks and requeue them; they run again on another node.',
  terminate: 'Terminate running tasks; they complete with a failureInfo and never run again.',
  taskcompletion: 'Let running tasks finish, schedule no new ones, then reimage.',
  retaineddata: 'Let running tasks finish and wait until every task’s data retention expires, then reimage.',
};
