/**
 * PATCH /pools/{id} (Pools_UpdatePool) with the service's semantics (BatchPoolUpdateOptions, 2025-06-01.21.0):
 * - an omitted (or null) property is left unchanged; a present one replaces the current value;
 * - an empty list removes the list (metadata, applicationPackageReferences, certificateReferences, ...);
 * - `startTask` replaces the whole start task (a start task without commandLine is refused, as for pool creation);
 * - properties documented as "can be updated only when the pool is empty" are refused while the pool has nodes;
 * - conditional headers are honoured (stale If-Match -> 412 ConditionNotMet);
 * - success -> 200 without body, with the new ETag / Last-Modified.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Env } from '../env';
import type { Ctx, Reply } from '../http';
import { emptyReply } from '../http';
import type { BatchAccountRecord, PoolRecord } from '../state';
import { touch } from '../state';
import { evaluateConditions } from './conditional';
import { batchError, propertyError } from './errors';
import { poolHeaders, poolNotFound } from './pools';

/** Properties of BatchPoolUpdateOptions. */
const UPDATABLE = [
  'displayName', 'vmSize', 'enableInterNodeCommunication', 'startTask', 'certificateReferences', 'applicationPackageReferences',
  'metadata', 'virtualMachineConfiguration', 'targetNodeCommunicationMode', 'taskSlotsPerNode', 'taskSchedulingPolicy',
  'networkConfiguration', 'resourceTags', 'userAccounts', 'mountConfiguration', 'upgradePolicy',
];

/** "This field can be updated only when the pool is empty." (BatchPoolUpdateOptions descriptions, 2025-06-01.21.0) */
export const EMPTY_POOL_ONLY = [
  'displayName', 'vmSize', 'enableInterNodeCommunication', 'virtualMachineConfiguration', 'taskSlotsPerNode',
  'taskSchedulingPolicy', 'networkConfiguration', 'resourceTags', 'userAccounts', 'mountConfiguration', 'upgradePolicy',
];

const LIST_PROPERTIES = ['certificateReferences', 'applicationPackageReferences', 'metadata', 'userAccounts', 'mountConfiguration'];
const MAX_APPLICATION_PACKAGES = 10;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function startTaskWithDefaults(task: Json): Json {
  return {
    ...task,
    userIdentity: task['userIdentity'] ?? { autoUser: { scope: 'pool', elevationLevel: 'nonadmin' } },
    maxTaskRetryCount: task['maxTaskRetryCount'] ?? 0,
    waitForSuccess: task['waitForSuccess'] ?? true,
  };
}

/** Semantic checks of the present properties; returns the first error reply. */
function validate(ctx: Ctx, account: BatchAccountRecord, url: string, body: Json): Reply | undefined {
  const bad = (name: string, reason: string) => propertyError(ctx, url, name, reason);
  const missing = (name: string, reason: string) => propertyError(ctx, url, name, reason, 'MissingRequiredProperty');
  for (const [name, value] of Object.entries(body)) {
    if (LIST_PROPERTIES.includes(name) && !Array.isArray(value)) { return bad(name, 'The value must be a list.'); }
  }
  const v = body;
  if (v['displayName'] !== undefined && (typeof v['displayName'] !== 'string' || v['displayName'].length > 1024)) {
    return bad('displayName', 'The display name must be a string of at most 1024 characters.');
  }
  if (v['vmSize'] !== undefined && (typeof v['vmSize'] !== 'string' || v['vmSize'].trim() === '')) { return bad('vmSize', 'The VM size must be a non-empty string.'); }
  if (v['enableInterNodeCommunication'] !== undefined && typeof v['enableInterNodeCommunication'] !== 'boolean') {
    return bad('enableInterNodeCommunication', 'The value must be true or false.');
  }
  if (v['startTask'] !== undefined) {
    const st = v['startTask'];
    if (!isObject(st)) { return bad('startTask', 'The start task must be an object.'); }
    if (typeof st['commandLine'] !== 'string' || st['commandLine'].trim() === '') {
      return missing('startTask.commandLine', 'A start task must have a command line; omit startTask to keep the current one.');
    }
    const retries = st['maxTaskRetryCount'];
    if (retries !== undefined && (!Number.isInteger(retries) || (retries as number) < -1)) { return bad('startTask.maxTaskRetryCount', 'The value must be an integer of at least -1.'); }
  }
  if (Array.isArray(v['metadata'])) {
    const names = new Set<string>();
    for (const item of v['metadata'] as unknown[]) {
      if (!isObject(item) || typeof item['name'] !== 'string' || item['name'] === '') {
        return batchError(ctx, url, 400, 'EmptyMetadataKey', 'The key for one of the metadata key-value pairs is empty.');
      }
      if (typeof item['value'] !== 'string') { return missing('metadata.value', `The metadata item '${item['name']}' has no string value.`); }
      if (names.has(item['name'])) { return bad('metadata', `The metadata name '${item['name']}' appears more than once.`); }
      names.add(item['name']);
    }
  }
  if (Array.isArray(v['applicationPackageReferences'])) {
    const refs = v['applicationPackageReferences'] as unknown[];
    if (refs.length > MAX_APPLICATION_PACKAGES) { return bad('applicationPackageReferences', `A pool can reference at most ${MAX_APPLICATION_PACKAGES} application packages.`); }
    for (const ref of refs) {
      if (!isObject(ref) || typeof ref['applicationId'] !== 'string' || ref['applicationId'] === '') {
        return missing('applicationPackageReferences.applicationId', 'Every application package reference needs an applicationId.');
      }
      const appId = (ref['applicationId'] as string).split('/').pop()!.toLowerCase();
      const versions = Object.entries(account.applications).find(([id]) => id.toLowerCase() === appId)?.[1];
      const version = ref['version'];
      if (!versions || (typeof version === 'string' && !versions.includes(version))) {
        return batchError(ctx, url, 409, 'InvalidApplicationPackageReferences', 'One or more of the specified application package references are invalid.', [
          { key: 'ApplicationId', value: ref['applicationId'] as string },
          { key: 'Version', value: typeof version === 'string' ? version : '(default)' },
          { key: 'Reason', value: versions ? 'The specified version of the application does not exist.' : 'The specified application does not exist.' },
        ]);
      }
    }
  }
  if (Array.isArray(v['certificateReferences'])) {
    for (const ref of v['certificateReferences'] as unknown[]) {
      if (!isObject(ref) || typeof ref['thumbprint'] !== 'string' || typeof ref['thumbprintAlgorithm'] !== 'string') {
        return missing('certificateReferences.thumbprint', 'Every certificate reference needs thumbprint and thumbprintAlgorithm.');
      }
    }
  }
  if (v['targetNodeCommunicationMode'] !== undefined && !['default', 'classic', 'simplified'].includes(String(v['targetNodeCommunicationMode']))) {
    return bad('targetNodeCommunicationMode', 'The value must be one of default, classic, simplified.');
  }
  const slots = v['taskSlotsPerNode'];
  if (slots !== undefined && (!Number.isInteger(slots) || (slots as number) < 1 || (slots as number) > 256)) {
    return bad('taskSlotsPerNode', 'The value must be an integer between 1 and 256 (and at most 4 times the number of cores of the VM size).');
  }
  if (v['virtualMachineConfiguration'] !== undefined) {
    const vmc = v['virtualMachineConfiguration'];
    if (!isObject(vmc)) { return bad('virtualMachineConfiguration', 'The value must be an object.'); }
    if (!isObject(vmc['imageReference'])) { return missing('virtualMachineConfiguration.imageReference', 'The virtual machine configuration needs an imageReference.'); }
    if (typeof vmc['nodeAgentSKUId'] !== 'string') { return missing('virtualMachineConfiguration.nodeAgentSKUId', 'The virtual machine configuration needs a nodeAgentSKUId.'); }
  }
  if (v['taskSchedulingPolicy'] !== undefined) {
    const tsp = v['taskSchedulingPolicy'];
    if (!isObject(tsp) || !['spread', 'pack'].includes(String(tsp['nodeFillType']))) { return bad('taskSchedulingPolicy.nodeFillType', 'The value must be spread or pack.'); }
  }
  if (v['resourceTags'] !== undefined && account.poolAllocationMode !== 'UserSubscription') {
    return bad('resourceTags', "Resource tags can only be specified when the Batch account's poolAllocationMode is UserSubscription.");
  }
  if (v['upgradePolicy'] !== undefined && (!isObject(v['upgradePolicy']) || typeof v['upgradePolicy']['mode'] !== 'string')) {
    return missing('upgradePolicy.mode', 'The upgrade policy needs a mode (automatic, manual or rolling).');
  }
  return undefined;
}

export function patchPool(ctx: Ctx, _env: Env, account: BatchAccountRecord, url: string, poolId: string): Reply {
  const pool: PoolRecord | undefined = account.pools.get(poolId);
  if (!pool) { return poolNotFound(ctx, url); }
  let parsed: unknown;
  try {
    parsed = ctx.body.trim() === '' ? undefined : JSON.parse(ctx.body);
  } catch (e) {
    return batchError(ctx, url, 400, 'InvalidRequestBody', 'The specified Request Body is not syntactically valid.', [{ key: 'Reason', value: (e as Error).message }]);
  }
  if (!isObject(parsed)) {
    return batchError(ctx, url, 400, 'InvalidRequestBody', 'The specified Request Body is not syntactically valid.', [{ key: 'Reason', value: 'The request body must be a JSON object.' }]);
  }
  const body: Json = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (value !== null) {
      body[name] = value;
    }
  }
  const unknown = Object.keys(body).filter((name) => !UPDATABLE.includes(name));
  if (unknown.length > 0) {
    return batchError(ctx, url, 400, 'InvalidRequestBody', 'The specified Request Body is not syntactically valid.', [
      { key: 'PropertyName', value: unknown[0]! },
      { key: 'Reason', value: `The property '${unknown[0]}' does not exist on type 'BatchPoolUpdateOptions' (it cannot be changed with a pool update).` },
    ]);
  }
  const condition = evaluateConditions(ctx, pool.eTag, pool.lastModified, 'write');
  if (condition !== 'ok') { return batchError(ctx, url, 412, 'ConditionNotMet', 'The condition specified using HTTP conditional header(s) is not met.'); }
  const invalid = validate(ctx, account, url, body);
  if (invalid) { return invalid; }
  if (pool.nodes.length > 0) {
    const blocked = EMPTY_POOL_ONLY.find((name) => body[name] !== undefined);
    if (blocked) {
      return batchError(ctx, url, 400, 'PropertyCannotBeUpdated', 'A property that cannot be updated was specified as part of the request.', [
        { key: 'PropertyName', value: blocked },
        { key: 'Reason', value: `This property can be updated only when the pool is empty; pool '${pool.id}' has ${pool.nodes.length} compute node(s).` },
      ]);
    }
  }
  applyPatch(pool, body);
  touch(pool, ctx.now);
  return emptyReply(200, { ...poolHeaders(pool), dataserviceid: `${url}/pools/${pool.id}` });
}

function applyPatch(pool: PoolRecord, body: Json): void {
  for (const [name, value] of Object.entries(body)) {
    const copy = structuredClone(value);
    if (name === 'startTask') {
      const task = startTaskWithDefaults(copy as Json);
      if (!isDeepStrictEqual(task, pool.spec['startTask'])) { pool.startTaskHistory.push(task); }
      pool.spec['startTask'] = task;
    } else if ((Array.isArray(copy) && copy.length === 0) || (name === 'resourceTags' && isObject(copy) && Object.keys(copy).length === 0)) {
      delete pool.spec[name];
    } else {
      pool.spec[name] = copy;
    }
  }
}
