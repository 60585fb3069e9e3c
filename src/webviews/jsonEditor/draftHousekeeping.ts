/**
 * The drafts' retention (azureBatch.editors.draftRetentionDays) and the sweep of expired drafts at activation.
 */
import * as vscode from 'vscode';
import { dropExpiredDrafts, type DraftSecrets, type DraftStorage } from '../../jsonEditing/draftStore';
import { errorMessage } from '../../utils/errors';

export const DEFAULT_DRAFT_RETENTION_DAYS = 30;

/** The setting, clamped to its documented range (1–365 days; default 30). */
export function draftRetentionDays(): number {
  const value = Number(vscode.workspace.getConfiguration('azureBatch').get('editors.draftRetentionDays', DEFAULT_DRAFT_RETENTION_DAYS));
  return Number.isFinite(value) ? Math.min(365, Math.max(1, value)) : DEFAULT_DRAFT_RETENTION_DAYS;
}

/** Drops the drafts older than the retention (one log line each); never fails activation. */
export function dropExpiredDraftsNow(storage: DraftStorage, secrets: DraftSecrets, log: vscode.LogOutputChannel): Promise<number> {
  return dropExpiredDrafts(storage, secrets, draftRetentionDays(), Date.now(), (line) => log.info(line)).catch((error: unknown) => {
    log.warn(`Dropping expired drafts failed: ${errorMessage(error)}`);
    return 0;
  });
}
