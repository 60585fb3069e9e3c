import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchPool } from '../../src/azure/batch/batchModels.generated';
import { diffPoolPatch, kindOf } from '../../src/poolPatch/diff';
import { CORE_PROPERTIES, EMPTY_POOL_ONLY, PATCHABLE_PROPERTIES, RETIRED_PROPERTIES, currentPatchableValues, initialDraft, poolState } from '../../src/poolPatch/poolPatchModel';
import { POOL_PATCH_SCHEMA } from '../../src/poolPatch/poolPatchSchema.generated';
import { buildPoolPatchPreview } from '../../src/poolPatch/preview';
import { rebasePoolDraft } from '../../src/poolPatch/rebase';
import { pathForPropertyName, serviceErrorIssues } from '../../src/poolPatch/serviceErrors';
import { checkPoolPatchRules, checkPoolState, checkResourceFile, checkRetryCount, checkUniqueNames, checkUserIdentity } from '../../src/poolPatch/validators';
import { threeWayMerge } from '../../src/jsonEditing/jsonMerge';
import { schemaIssues } from '../../src/jsonEditing/schemaCheck';
import { defaultSpecsDir } from '../emulator/paths';

const POOL: BatchPool = {
  id: 'linux-small',
  displayName: 'Linux build agents',
  vmSize: 'standard_d2s_v3',
  eTag: '0x1',
  state: 'active',
  allocationState: 'steady',
  currentDedicatedNodes: 3,
  currentLowPriorityNodes: 1,
  taskSlotsPerNode: 2,
  virtualMachineConfiguration: { imageReference: { publisher: 'canonical', offer: 'ubuntu', sku: '22_04-lts', version: 'latest', exactVersion: '22.04.1' }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' },
  startTask: { commandLine: '/bin/bash -c setup.sh', maxTaskRetryCount: 1, waitForSuccess: true, userIdentity: { autoUser: { scope: 'pool', elevationLevel: 'admin' } } },
  metadata: [{ name: 'owner', value: 'build-team' }],
  applicationPackageReferences: [{ applicationId: 'blender', version: '4.1' }],
  targetNodeCommunicationMode: 'default',
};

const current = currentPatchableValues(POOL);
const state = poolState(POOL);
const emptyState = { ...state, currentDedicatedNodes: 0, currentLowPriorityNodes: 0 };

describe('pool patch: the schema derived from BatchPoolUpdateOptions', () => {
  it('has every property of the 2025-06-01.21.0 definition, with descriptions for hover', () => {
    const spec = JSON.parse(readFileSync(join(defaultSpecsDir(), 'specification', 'batch', 'data-plane', 'Azure.Batch', 'stable', '2025-06-01.21.0', 'BatchService.json'), 'utf8'));
    assert.deepEqual([...PATCHABLE_PROPERTIES].sort(), Object.keys(spec.definitions.BatchPoolUpdateOptions.properties).sort());
    for (const name of PATCHABLE_PROPERTIES) {
      assert.ok(String(POOL_PATCH_SCHEMA.properties![name]!.description).length > 20, `${name} has a description`);
    }
    assert.equal(POOL_PATCH_SCHEMA.additionalProperties, false);
  });

  it('knows which properties need an empty pool, which are lists, and which is retired', () => {
    assert.deepEqual([...EMPTY_POOL_ONLY].sort(), [
      'displayName', 'enableInterNodeCommunication', 'mountConfiguration', 'networkConfiguration', 'resourceTags', 'taskSchedulingPolicy',
      'taskSlotsPerNode', 'upgradePolicy', 'userAccounts', 'virtualMachineConfiguration', 'vmSize',
    ]);
    assert.deepEqual(RETIRED_PROPERTIES, ['certificateReferences']);
    for (const core of CORE_PROPERTIES) {
      assert.ok(!EMPTY_POOL_ONLY.includes(core), `${core} can change on a pool with nodes`);
    }
  });

  it('validates drafts: unknown properties, enums, required start-task command line, retry count, octal file mode', () => {
    assert.deepEqual(schemaIssues(POOL_PATCH_SCHEMA, initialDraft(current)), []);
    const issues = schemaIssues(POOL_PATCH_SCHEMA, {
      metadata: [{ name: 'a' }],
      targetNodeCommunicationMode: 'fast',
      startTask: { maxTaskRetryCount: -2, resourceFiles: [{ httpUrl: 'https://x/y', filePath: 'y', fileMode: '0999' }] },
      vmsize: 'x',
    });
    const where = issues.map((i) => `${i.path.join('/')}: ${i.message}`);
    assert.ok(where.some((w) => w.startsWith('vmsize: Unknown property')), where.join('\n'));
    assert.ok(where.some((w) => w.startsWith('targetNodeCommunicationMode: Must be one of "default", "classic", "simplified"')), where.join('\n'));
    assert.ok(where.some((w) => w === 'metadata/0: Missing required property "value".'), where.join('\n'));
    assert.ok(where.some((w) => w === 'startTask: Missing required property "commandLine".'), where.join('\n'));
    assert.ok(where.some((w) => w.startsWith('startTask/maxTaskRetryCount: Must be >= -1')), where.join('\n'));
    assert.ok(where.some((w) => w.startsWith('startTask/resourceFiles/0/fileMode')), where.join('\n'));
  });
});

describe('pool patch: current values and the initial draft', () => {
  it('shows the reference page properties; absent lists as []; certificates only when the pool has them', () => {
    const draft = initialDraft(currentPatchableValues({ ...POOL, metadata: undefined }));
    assert.deepEqual(Object.keys(draft), ['startTask', 'applicationPackageReferences', 'metadata', 'targetNodeCommunicationMode']);
    assert.deepEqual(draft['metadata'], []);
  });

  it('drops the read-only imageReference.exactVersion from the current values', () => {
    const vmc = current['virtualMachineConfiguration'] as { imageReference: Record<string, unknown> };
    assert.equal(vmc.imageReference['exactVersion'], undefined);
    assert.equal(vmc.imageReference['sku'], '22_04-lts');
  });
});

describe('pool patch: the diff', () => {
  it('calls each property unchanged, replaced, cleared or added', () => {
    assert.equal(kindOf('metadata', [{ name: 'a', value: '1' }], [{ name: 'a', value: '1' }]), 'unchanged');
    assert.equal(kindOf('metadata', undefined, []), 'unchanged');
    assert.equal(kindOf('metadata', [{ name: 'a', value: '1' }], [{ name: 'a', value: '2' }]), 'replaced');
    assert.equal(kindOf('metadata', [{ name: 'a', value: '1' }], []), 'cleared');
    assert.equal(kindOf('metadata', undefined, [{ name: 'a', value: '1' }]), 'added');
    assert.equal(kindOf('resourceTags', { a: 'b' }, {}), 'cleared');
    assert.equal(kindOf('startTask', undefined, { commandLine: 'x' }), 'added');
    assert.equal(kindOf('displayName', 'a', 'b'), 'replaced');
    assert.equal(kindOf('startTask', { commandLine: 'x', waitForSuccess: true }, { waitForSuccess: true, commandLine: 'x' }), 'unchanged', 'key order does not matter');
  });

  it('puts only the changed properties into the request body', () => {
    const draft = {
      ...initialDraft(current),
      metadata: [{ name: 'owner', value: 'vfx' }],
      applicationPackageReferences: [],
      certificateReferences: [],
      displayName: 'Linux build agents',
      vmSize: 'standard_d4s_v3',
    };
    const diff = diffPoolPatch(current, draft);
    assert.deepEqual(diff.body, { metadata: [{ name: 'owner', value: 'vfx' }], applicationPackageReferences: [], vmSize: 'standard_d4s_v3' });
    const kinds = Object.fromEntries(diff.changes.map((c) => [c.property, c.kind]));
    assert.deepEqual(kinds, {
      displayName: 'unchanged', vmSize: 'replaced', startTask: 'unchanged', certificateReferences: 'unchanged', applicationPackageReferences: 'cleared',
      metadata: 'replaced', virtualMachineConfiguration: 'unchanged', targetNodeCommunicationMode: 'unchanged', taskSlotsPerNode: 'unchanged',
    });
    assert.equal(diff.changes.find((c) => c.property === 'taskSlotsPerNode')?.inDraft, false, 'omitted = unchanged');
  });

  it('sends a given startTask whole (it replaces the start task)', () => {
    const startTask = { ...(current['startTask'] as object), commandLine: '/bin/bash -c new.sh' };
    const diff = diffPoolPatch(current, { startTask });
    assert.deepEqual(diff.body, { startTask });
    assert.deepEqual(Object.keys(diff.body['startTask'] as object).sort(), ['commandLine', 'maxTaskRetryCount', 'userIdentity', 'waitForSuccess']);
  });

  it('an empty draft sends nothing', () => {
    assert.deepEqual(diffPoolPatch(current, {}).body, {});
    assert.deepEqual(diffPoolPatch(current, initialDraft(current)).body, {});
  });
});

describe('pool patch: cross-field rules', () => {
  it('a resource file has exactly one of autoStorageContainerName / storageContainerUrl / httpUrl', () => {
    assert.deepEqual(checkResourceFile({ autoStorageContainerName: 'c' }, ['f']), []);
    assert.deepEqual(checkResourceFile({ storageContainerUrl: 'https://s/c', blobPrefix: 'a/' }, ['f']), []);
    assert.deepEqual(checkResourceFile({ httpUrl: 'https://s/c/x', filePath: 'x' }, ['f']), []);
    const none = checkResourceFile({ filePath: 'x' }, ['r', 0]);
    assert.equal(none.length, 1);
    assert.deepEqual(none[0]!.path, ['r', 0]);
    assert.match(none[0]!.message, /exactly one of .* it has none/);
    const two = checkResourceFile({ httpUrl: 'https://a', storageContainerUrl: 'https://b', filePath: 'x' }, ['r', 1]);
    assert.deepEqual(two.map((i) => i.path), [['r', 1, 'httpUrl']]);
    assert.match(two[0]!.message, /storageContainerUrl and httpUrl/);
    assert.match(checkResourceFile({ httpUrl: 'https://a' }, ['r'])[0]!.message, /needs filePath/);
    assert.match(checkResourceFile({ httpUrl: 'https://a', filePath: 'x', blobPrefix: 'p' }, ['r'])[0]!.message, /blobPrefix applies only/);
  });

  it('fileMode is octal', () => {
    for (const good of ['0770', '644', '0755']) {
      assert.deepEqual(checkResourceFile({ autoStorageContainerName: 'c', fileMode: good }, []), [], good);
    }
    for (const bad of ['0778', 'rwx', '77', 755]) {
      const issues = checkResourceFile({ autoStorageContainerName: 'c', fileMode: bad }, ['f']);
      assert.deepEqual(issues.map((i) => i.path), [['f', 'fileMode']], String(bad));
    }
  });

  it('userIdentity has username or autoUser, not both', () => {
    assert.deepEqual(checkUserIdentity({ username: 'u' }, ['i']), []);
    assert.deepEqual(checkUserIdentity({ autoUser: { scope: 'pool' } }, ['i']), []);
    assert.deepEqual(checkUserIdentity({ username: 'u', autoUser: {} }, ['i']).map((i) => i.path), [['i', 'autoUser']]);
    assert.deepEqual(checkUserIdentity({}, ['i']).map((i) => i.path), [['i']]);
  });

  it('maxTaskRetryCount is an integer ≥ -1', () => {
    for (const good of [undefined, -1, 0, 3]) {
      assert.deepEqual(checkRetryCount(good, ['m']), [], String(good));
    }
    for (const bad of [-2, 1.5, '3']) {
      assert.equal(checkRetryCount(bad, ['m']).length, 1, String(bad));
    }
  });

  it('metadata and environment variable names are unique', () => {
    assert.deepEqual(checkUniqueNames([{ name: 'a', value: '1' }, { name: 'b', value: '2' }], ['metadata'], 'metadata'), []);
    const dup = checkUniqueNames([{ name: 'a', value: '1' }, { name: 'b' }, { name: 'a', value: '2' }], ['metadata'], 'metadata');
    assert.deepEqual(dup.map((i) => i.path), [['metadata', 2, 'name']]);
    assert.match(dup[0]!.message, /"a" is already used at index 0/);
    const issues = checkPoolPatchRules({
      metadata: [{ name: 'x', value: '1' }, { name: 'x', value: '2' }],
      startTask: {
        commandLine: ' ', maxTaskRetryCount: -5, userIdentity: { username: 'u', autoUser: {} },
        environmentSettings: [{ name: 'PATH', value: 'a' }, { name: 'PATH', value: 'b' }],
        resourceFiles: [{ filePath: 'x' }],
      },
    });
    assert.deepEqual(issues.map((i) => i.path.join('/')).sort(), [
      'metadata/1/name', 'startTask/commandLine', 'startTask/environmentSettings/1/name', 'startTask/maxTaskRetryCount', 'startTask/resourceFiles/0', 'startTask/userIdentity/autoUser',
    ]);
    assert.ok(issues.every((i) => i.severity === 'error'));
    assert.deepEqual(checkPoolPatchRules(initialDraft(current)), []);
  });

  it('refuses empty-pool-only properties on a pool with nodes, before sending', () => {
    const diff = diffPoolPatch(current, { vmSize: 'standard_d4s_v3', displayName: 'Linux build agents', metadata: [] });
    const withNodes = checkPoolState(diff, state);
    assert.deepEqual(withNodes.map((i) => [i.path.join('/'), i.severity]), [['vmSize', 'error']], 'displayName is unchanged, so not refused');
    assert.match(withNodes[0]!.message, /only while the pool has no nodes; pool linux-small has 4 \(3 dedicated, 1 spot\)/);
    assert.deepEqual(checkPoolState(diff, emptyState), []);
    assert.deepEqual(checkPoolState(diff, { ...emptyState, allocationState: 'resizing' }).map((i) => i.severity), ['warning']);
    assert.deepEqual(checkPoolState(diffPoolPatch(current, { certificateReferences: [{ thumbprint: 'a', thumbprintAlgorithm: 'sha1' }] }), state).map((i) => [i.path.join('/'), i.severity]), [['certificateReferences', 'warning']]);
  });
});

describe('pool patch: preview', () => {
  it('lists the changes, the exact request with If-Match, and what reaches existing nodes only later', () => {
    const draft = { ...initialDraft(current), applicationPackageReferences: [{ applicationId: 'ffmpeg', version: '6.0' }], startTask: { commandLine: 'x' } };
    const preview = buildPoolPatchPreview({ diff: diffPoolPatch(current, draft), pool: state, url: 'https://acct/pools/linux-small', apiVersion: '2025-06-01.21.0', etag: '0x1' });
    assert.match(preview.summary, /^2 properties change: startTask replaced, applicationPackageReferences replaced/);
    assert.equal(preview.request?.method, 'PATCH');
    assert.equal(preview.request?.url, 'https://acct/pools/linux-small?api-version=2025-06-01.21.0');
    assert.equal(preview.request?.headers['If-Match'], '0x1');
    assert.deepEqual(JSON.parse(preview.request!.body), { startTask: { commandLine: 'x' }, applicationPackageReferences: [{ applicationId: 'ffmpeg', version: '6.0' }] });
    assert.deepEqual(preview.notices.map((n) => [n.path?.join('/'), n.severity, n.action?.id]), [
      ['applicationPackageReferences', 'warning', 'reimage'],
      ['startTask', 'warning', 'reimage'],
    ]);
    const empty = buildPoolPatchPreview({ diff: diffPoolPatch(current, initialDraft(current)), pool: state, url: 'u', apiVersion: 'v' });
    assert.equal(empty.request, undefined);
    assert.match(empty.summary, /Nothing to send/);
    const certs = buildPoolPatchPreview({ diff: diffPoolPatch(current, { certificateReferences: [{ thumbprint: 'a', thumbprintAlgorithm: 'sha1' }] }), pool: state, url: 'u', apiVersion: 'v' });
    assert.match(certs.notices[0]!.message, /retired/);
  });
});

describe('pool patch: rebase and three-way merge', () => {
  it('keeps the draft\'s edits, takes what only the server changed, reports what both changed', () => {
    const base = { a: 1, b: { x: 1, y: 1 }, c: [1] };
    const theirs = { a: 2, b: { x: 1, y: 2 }, c: [2] };
    const yours = { a: 1, b: { x: 5, y: 1 }, c: [3] };
    const result = threeWayMerge(base, theirs, yours);
    assert.deepEqual(result.merged, { a: 2, b: { x: 5, y: 2 }, c: [3] });
    assert.deepEqual(result.taken.sort(), ['a', 'b.y']);
    assert.deepEqual(result.conflicts, ['c']);
  });

  it('rebases a pool draft: omitted properties stay omitted; absent lists count as []', () => {
    const oldCurrent = { metadata: [{ name: 'owner', value: 'a' }], startTask: { commandLine: 'old' }, targetNodeCommunicationMode: 'default' };
    const newCurrent = { metadata: [{ name: 'owner', value: 'b' }], startTask: { commandLine: 'new' }, targetNodeCommunicationMode: 'default', applicationPackageReferences: [{ applicationId: 'x' }] };
    const draft = { metadata: [{ name: 'owner', value: 'mine' }], startTask: { commandLine: 'old' }, applicationPackageReferences: [] };
    const result = rebasePoolDraft(oldCurrent, newCurrent, draft);
    assert.deepEqual(result.draft, { metadata: [{ name: 'owner', value: 'mine' }], startTask: { commandLine: 'new' }, applicationPackageReferences: [{ applicationId: 'x' }] });
    assert.deepEqual(result.conflicts, ['metadata']);
    assert.deepEqual(result.taken.sort(), ['applicationPackageReferences', 'startTask']);
  });
});

describe('pool patch: service errors inline', () => {
  it('places a BatchError at the property the service names', () => {
    const draft = { startTask: { commandLine: '' }, applicationPackageReferences: [{ applicationId: 'a' }, { applicationId: 'Blender', version: '9' }] };
    assert.deepEqual(pathForPropertyName(draft, 'startTask.commandLine'), ['startTask', 'commandLine']);
    assert.deepEqual(pathForPropertyName(draft, 'metadata.value'), []);
    const [missing] = serviceErrorIssues({ code: 'MissingRequiredProperty', message: 'A required property was not specified.\nRequestId:1\nTime:2', status: 400, values: [{ key: 'PropertyName', value: 'startTask.commandLine' }, { key: 'Reason', value: 'needed' }] }, draft);
    assert.deepEqual(missing!.path, ['startTask', 'commandLine']);
    assert.equal(missing!.message, 'MissingRequiredProperty (HTTP 400): A required property was not specified. — PropertyName: startTask.commandLine; Reason: needed');
    const [app] = serviceErrorIssues({ code: 'InvalidApplicationPackageReferences', message: 'invalid', status: 409, values: [{ key: 'ApplicationId', value: 'blender' }] }, draft);
    assert.deepEqual(app!.path, ['applicationPackageReferences', 1, 'applicationId']);
    const [general] = serviceErrorIssues({ code: 'InternalError', message: 'boom', values: [] }, draft);
    assert.deepEqual(general!.path, []);
  });
});
