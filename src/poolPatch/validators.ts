/**
 * The checks a pool draft must pass before anything is sent, beyond the JSON schema: the cross-field rules the REST
 * reference states in prose, and the rules that depend on the pool's current state ("can be updated only when the
 * pool is empty"). Each issue names the JSON path it concerns. Pure: no `vscode`.
 */
import * as l10n from '../utils/l10n';
import type { EditorIssue, JsonPath } from '../jsonEditing/editorModel';
import { isJsonObject, type JsonObject } from '../jsonEditing/jsonValue';
import type { PoolPatchDiff } from './diff';
import { EMPTY_POOL_ONLY, RETIRED_PROPERTIES, nodeCount, type PoolState } from './poolPatchModel';

const RESOURCE_FILE_SOURCES = ['autoStorageContainerName', 'storageContainerUrl', 'httpUrl'] as const;
const OCTAL_MODE = /^[0-7]{3,4}$/;

const rule = (path: JsonPath, message: string): EditorIssue => ({ path, message, severity: 'error', source: 'rules' });
const given = (o: JsonObject, key: string) => o[key] !== undefined && o[key] !== null;
/** "a and b and c", localized. */
const andList = (items: readonly string[]): string => items.reduce((list, item) => l10n.t('{0} and {1}', list, item));

/** A ResourceFile has exactly one of autoStorageContainerName / storageContainerUrl / httpUrl (and their companions). */
export function checkResourceFile(file: unknown, path: JsonPath): EditorIssue[] {
  if (!isJsonObject(file)) {
    return [];
  }
  const issues: EditorIssue[] = [];
  const sources = RESOURCE_FILE_SOURCES.filter((key) => given(file, key));
  if (sources.length === 0) {
    issues.push(rule(path, l10n.t('A resource file needs exactly one of {0}, {1} or {2}; it has none.', ...RESOURCE_FILE_SOURCES)));
  } else if (sources.length > 1) {
    for (const key of sources.slice(1)) {
      issues.push(rule([...path, key], l10n.t('A resource file takes exactly one of {0}, {1} or {2}; this one has {3}.', ...RESOURCE_FILE_SOURCES, andList(sources))));
    }
  }
  if (sources.length === 1 && sources[0] === 'httpUrl' && !given(file, 'filePath')) {
    issues.push(rule(path, l10n.t('A resource file with {0} needs {1} (where the file is written, including its name).', 'httpUrl', 'filePath')));
  }
  if (given(file, 'blobPrefix') && !sources.some((s) => s !== 'httpUrl')) {
    issues.push(rule([...path, 'blobPrefix'], l10n.t('{0} applies only with {1} or {2}.', 'blobPrefix', 'autoStorageContainerName', 'storageContainerUrl')));
  }
  if (given(file, 'fileMode') && !(typeof file['fileMode'] === 'string' && OCTAL_MODE.test(file['fileMode']))) {
    issues.push(rule([...path, 'fileMode'], l10n.t('{0} must be an octal permission mode such as "0770" or "644"; got {1}.', 'fileMode', JSON.stringify(file['fileMode']))));
  }
  return issues;
}

/** userIdentity has username or autoUser, not both. */
export function checkUserIdentity(identity: unknown, path: JsonPath): EditorIssue[] {
  if (!isJsonObject(identity)) {
    return [];
  }
  const hasName = given(identity, 'username');
  const hasAuto = given(identity, 'autoUser');
  if (hasName && hasAuto) {
    return [rule([...path, 'autoUser'], l10n.t('{0} takes {1} or {2}, not both.', 'userIdentity', 'username', 'autoUser'))];
  }
  if (!hasName && !hasAuto) {
    return [rule(path, l10n.t('{0} needs {1} or {2} (omit {0} to run as the default non-admin user).', 'userIdentity', 'username', 'autoUser'))];
  }
  return [];
}

/** Items of a name/value list have unique, non-empty names. */
export function checkUniqueNames(list: unknown, path: JsonPath, what: string): EditorIssue[] {
  if (!Array.isArray(list)) {
    return [];
  }
  const issues: EditorIssue[] = [];
  const seen = new Map<string, number>();
  list.forEach((item, index) => {
    if (!isJsonObject(item) || typeof item['name'] !== 'string') {
      return;
    }
    const name = item['name'];
    if (name.trim() === '') {
      issues.push(rule([...path, index, 'name'], l10n.t('A {0} name must not be empty.', what)));
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      issues.push(rule([...path, index, 'name'], l10n.t('The {0} name "{1}" is already used at index {2}; names must be unique.', what, name, first)));
    } else {
      seen.set(name, index);
    }
  });
  return issues;
}

/** maxTaskRetryCount is an integer of at least -1 (-1 = retry without limit). */
export function checkRetryCount(value: unknown, path: JsonPath): EditorIssue[] {
  if (value === undefined) {
    return [];
  }
  return typeof value === 'number' && Number.isInteger(value) && value >= -1
    ? []
    : [rule(path, l10n.t('{0} must be an integer of at least -1 (-1 retries without limit); got {1}.', 'maxTaskRetryCount', JSON.stringify(value)))];
}

/** The cross-field rules of the REST reference, on a parsed draft object. */
export function checkPoolPatchRules(draft: JsonObject): EditorIssue[] {
  const issues: EditorIssue[] = [];
  const task = draft['startTask'];
  if (isJsonObject(task)) {
    if (typeof task['commandLine'] === 'string' && task['commandLine'].trim() === '') {
      issues.push(rule(['startTask', 'commandLine'], l10n.t('A start task needs a command line. A given {0} replaces the whole start task; omit {0} to keep the current one.', 'startTask')));
    }
    issues.push(...checkRetryCount(task['maxTaskRetryCount'], ['startTask', 'maxTaskRetryCount']));
    issues.push(...checkUserIdentity(task['userIdentity'], ['startTask', 'userIdentity']));
    issues.push(...checkUniqueNames(task['environmentSettings'], ['startTask', 'environmentSettings'], l10n.t('environment variable')));
    if (Array.isArray(task['resourceFiles'])) {
      task['resourceFiles'].forEach((file, i) => issues.push(...checkResourceFile(file, ['startTask', 'resourceFiles', i])));
    }
  }
  issues.push(...checkUniqueNames(draft['metadata'], ['metadata'], l10n.t('metadata')));
  if (Array.isArray(draft['userAccounts'])) {
    issues.push(...checkUniqueNames(draft['userAccounts'], ['userAccounts'], l10n.t('user account')));
  }
  return issues;
}

/** Rules that depend on the pool as it is now (nodes, allocation state) and on what the draft changes. */
export function checkPoolState(diff: PoolPatchDiff, pool: PoolState): EditorIssue[] {
  const issues: EditorIssue[] = [];
  const changed = diff.changes.filter((c) => c.kind !== 'unchanged').map((c) => c.property);
  const nodes = nodeCount(pool);
  if (pool.state === 'deleting' && changed.length) {
    issues.push({ path: [], message: l10n.t('Pool {0} is being deleted; it cannot be changed.', pool.id), severity: 'error', source: 'state' });
  }
  for (const property of changed.filter((p) => EMPTY_POOL_ONLY.includes(p))) {
    if (nodes > 0) {
      issues.push({
        path: [property],
        message: l10n.t('{0} can be changed only while the pool has no nodes; pool {1} has {2} ({3} dedicated, {4} spot). Resize it to 0 first, or leave {0} out.', property, pool.id, nodes, pool.currentDedicatedNodes, pool.currentLowPriorityNodes),
        severity: 'error',
        source: 'state',
      });
    } else if (pool.allocationState && pool.allocationState !== 'steady') {
      issues.push({
        path: [property],
        message: l10n.t('{0} can be changed only while the pool has no nodes; pool {1} has none now but is {2}, so the service may refuse it.', property, pool.id, pool.allocationState),
        severity: 'warning',
        source: 'state',
      });
    }
  }
  for (const property of changed.filter((p) => RETIRED_PROPERTIES.includes(p))) {
    issues.push({
      path: [property],
      message: l10n.t('{0} is retired: the service stopped supporting certificates in February 2024. Use the Azure Key Vault VM extension instead.', property),
      severity: 'warning',
      source: 'rules',
    });
  }
  return issues;
}
