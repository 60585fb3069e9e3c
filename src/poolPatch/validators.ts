/**
 * The checks a pool draft must pass before anything is sent, beyond the JSON schema: the cross-field rules the REST
 * reference states in prose, and the rules that depend on the pool's current state ("can be updated only when the
 * pool is empty"). Each issue names the JSON path it concerns. Pure: no `vscode`.
 */
import type { EditorIssue, JsonPath } from '../webviews/protocol';
import { isJsonObject, type JsonObject } from '../webviews/jsonValue';
import type { PoolPatchDiff } from './diff';
import { EMPTY_POOL_ONLY, RETIRED_PROPERTIES, nodeCount, type PoolState } from './poolPatchModel';

const RESOURCE_FILE_SOURCES = ['autoStorageContainerName', 'storageContainerUrl', 'httpUrl'] as const;
const OCTAL_MODE = /^[0-7]{3,4}$/;

const rule = (path: JsonPath, message: string): EditorIssue => ({ path, message, severity: 'error', source: 'rules' });
const given = (o: JsonObject, key: string) => o[key] !== undefined && o[key] !== null;

/** A ResourceFile has exactly one of autoStorageContainerName / storageContainerUrl / httpUrl (and their companions). */
export function checkResourceFile(file: unknown, path: JsonPath): EditorIssue[] {
  if (!isJsonObject(file)) {
    return [];
  }
  const issues: EditorIssue[] = [];
  const sources = RESOURCE_FILE_SOURCES.filter((key) => given(file, key));
  if (sources.length === 0) {
    issues.push(rule(path, 'A resource file needs exactly one of autoStorageContainerName, storageContainerUrl or httpUrl; it has none.'));
  } else if (sources.length > 1) {
    for (const key of sources.slice(1)) {
      issues.push(rule([...path, key], `A resource file takes exactly one of autoStorageContainerName, storageContainerUrl or httpUrl; this one has ${sources.join(' and ')}.`));
    }
  }
  if (sources.length === 1 && sources[0] === 'httpUrl' && !given(file, 'filePath')) {
    issues.push(rule(path, 'A resource file with httpUrl needs filePath (where the file is written, including its name).'));
  }
  if (given(file, 'blobPrefix') && !sources.some((s) => s !== 'httpUrl')) {
    issues.push(rule([...path, 'blobPrefix'], 'blobPrefix applies only with autoStorageContainerName or storageContainerUrl.'));
  }
  if (given(file, 'fileMode') && !(typeof file['fileMode'] === 'string' && OCTAL_MODE.test(file['fileMode']))) {
    issues.push(rule([...path, 'fileMode'], `fileMode must be an octal permission mode such as "0770" or "644"; got ${JSON.stringify(file['fileMode'])}.`));
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
    return [rule([...path, 'autoUser'], 'userIdentity takes username or autoUser, not both.')];
  }
  if (!hasName && !hasAuto) {
    return [rule(path, 'userIdentity needs username or autoUser (omit userIdentity to run as the default non-admin user).')];
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
      issues.push(rule([...path, index, 'name'], `A ${what} name must not be empty.`));
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      issues.push(rule([...path, index, 'name'], `The ${what} name "${name}" is already used at index ${first}; names must be unique.`));
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
    : [rule(path, `maxTaskRetryCount must be an integer of at least -1 (-1 retries without limit); got ${JSON.stringify(value)}.`)];
}

/** The cross-field rules of the REST reference, on a parsed draft object. */
export function checkPoolPatchRules(draft: JsonObject): EditorIssue[] {
  const issues: EditorIssue[] = [];
  const task = draft['startTask'];
  if (isJsonObject(task)) {
    if (typeof task['commandLine'] === 'string' && task['commandLine'].trim() === '') {
      issues.push(rule(['startTask', 'commandLine'], 'A start task needs a command line. A given startTask replaces the whole start task; omit startTask to keep the current one.'));
    }
    issues.push(...checkRetryCount(task['maxTaskRetryCount'], ['startTask', 'maxTaskRetryCount']));
    issues.push(...checkUserIdentity(task['userIdentity'], ['startTask', 'userIdentity']));
    issues.push(...checkUniqueNames(task['environmentSettings'], ['startTask', 'environmentSettings'], 'environment variable'));
    if (Array.isArray(task['resourceFiles'])) {
      task['resourceFiles'].forEach((file, i) => issues.push(...checkResourceFile(file, ['startTask', 'resourceFiles', i])));
    }
  }
  issues.push(...checkUniqueNames(draft['metadata'], ['metadata'], 'metadata'));
  if (Array.isArray(draft['userAccounts'])) {
    issues.push(...checkUniqueNames(draft['userAccounts'], ['userAccounts'], 'user account'));
  }
  return issues;
}

/** Rules that depend on the pool as it is now (nodes, allocation state) and on what the draft changes. */
export function checkPoolState(diff: PoolPatchDiff, pool: PoolState): EditorIssue[] {
  const issues: EditorIssue[] = [];
  const changed = diff.changes.filter((c) => c.kind !== 'unchanged').map((c) => c.property);
  const nodes = nodeCount(pool);
  if (pool.state === 'deleting' && changed.length) {
    issues.push({ path: [], message: `Pool ${pool.id} is being deleted; it cannot be changed.`, severity: 'error', source: 'state' });
  }
  for (const property of changed.filter((p) => EMPTY_POOL_ONLY.includes(p))) {
    if (nodes > 0) {
      issues.push({
        path: [property],
        message: `${property} can be changed only while the pool has no nodes; pool ${pool.id} has ${nodes} (${pool.currentDedicatedNodes} dedicated, ${pool.currentLowPriorityNodes} spot). Resize it to 0 first, or leave ${property} out.`,
        severity: 'error',
        source: 'state',
      });
    } else if (pool.allocationState && pool.allocationState !== 'steady') {
      issues.push({
        path: [property],
        message: `${property} can be changed only while the pool has no nodes; pool ${pool.id} has none now but is ${pool.allocationState}, so the service may refuse it.`,
        severity: 'warning',
        source: 'state',
      });
    }
  }
  for (const property of changed.filter((p) => RETIRED_PROPERTIES.includes(p))) {
    issues.push({
      path: [property],
      message: `${property} is retired: the service stopped supporting certificates in February 2024. Use the Azure Key Vault VM extension instead.`,
      severity: 'warning',
      source: 'rules',
    });
  }
  return issues;
}
