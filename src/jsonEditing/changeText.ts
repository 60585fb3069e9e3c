/** The one phrase for a property's change, shared by the previews, summaries and results of both editors. Pure. */
import * as l10n from '../utils/l10n';
import type { ChangeKind } from './editorModel';

/** "metadata replaced", "description cleared", localized as one phrase (the property name or path stays as it is). */
export function changeText(label: string, kind: ChangeKind): string {
  switch (kind) {
    case 'replaced':
      return l10n.t('{0} replaced', label);
    case 'cleared':
      return l10n.t('{0} cleared', label);
    case 'added':
      return l10n.t('{0} added', label);
    case 'unchanged':
      return l10n.t('{0} unchanged', label);
  }
}
