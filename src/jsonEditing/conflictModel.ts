/** The conflict view after a 412: the server's newer values beside the draft's, property by property. Pure. */
import * as l10n from '../utils/l10n';
import type { ConflictModel, LoadedDocument } from './editorModel';
import { isJsonObject, jsonEqual, shortJson } from './jsonValue';

/** Rows for the properties the server changed since `from`, or the draft has differently from `to`. */
export function conflictModel(draft: unknown, from: LoadedDocument, to: LoadedDocument): ConflictModel {
  const yours = isJsonObject(draft) ? draft : {};
  const names = new Set([...Object.keys(to.current), ...Object.keys(from.current), ...Object.keys(yours)]);
  const rows = [...names]
    .filter((name) => !jsonEqual(from.current[name], to.current[name]) || (Object.hasOwn(yours, name) && !jsonEqual(yours[name], to.current[name])))
    .map((name) => {
      const serverChanged = !jsonEqual(from.current[name], to.current[name]);
      const draftChanged = Object.hasOwn(yours, name) && !jsonEqual(yours[name], from.current[name]);
      return {
        label: name,
        base: shortJson(from.current[name], 400) || undefined,
        theirs: shortJson(to.current[name], 400) || undefined,
        yours: Object.hasOwn(yours, name) ? shortJson(yours[name], 400) : undefined,
        conflict: serverChanged && draftChanged && !jsonEqual(yours[name], to.current[name]),
      };
    });
  return {
    message: l10n.t('The server has a newer version ({0}). Rebase keeps your edits on top of it; where you and the server changed the same property, your value is kept.', to.versionLabel),
    rows,
    theirsVersionLabel: to.versionLabel,
  };
}
