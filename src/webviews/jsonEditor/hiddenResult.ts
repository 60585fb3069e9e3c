import * as vscode from 'vscode';
import { notificationText } from '../../utils/notificationText';
import type { SubmitResultMessage } from '../protocol';

/**
 * The outcome of a submit that ended while its panel was hidden (its page would show it only when shown again): a
 * notification with "Show Editor".
 */
export function notifyHiddenResult(title: string, result: SubmitResultMessage, reveal: () => void): void {
  const show = vscode.l10n.t('Show Editor');
  const next = result.outcome === 'conflict' ? ` ${vscode.l10n.t('Show the editor to see the newer version and rebase your draft on it.')}` : '';
  const text = notificationText(`${title}: ${result.message}${next}`);
  const shown = result.outcome === 'applied' || result.outcome === 'nothing'
    ? vscode.window.showInformationMessage(text, show)
    : vscode.window.showErrorMessage(text, show);
  void Promise.resolve(shown).then((answer) => {
    if (answer === show) {
      reveal();
    }
  }, () => undefined);
}
