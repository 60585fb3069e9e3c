/**
 * The emulator against the official examples of the specs folder (every examples/*.json file):
 *   1. the spec check accepts each example's request body and each example response (so it is not stricter than
 *      Azure: property names, readOnly values, OData annotations, required properties);
 *   2. the emulator answers each example's operation (with its own ids) with a status the example shows and a body of
 *      the same shape: every property both bodies have holds the same JSON type, at every depth;
 *   3. the emulator accepts each example request body (with the gallery's location), as the service does.
 * Every example file is accounted for: checked, or listed below with the reason it cannot be.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Conformance } from '../../emulator/conformance';
import { SUBSCRIPTION_PROD } from '../../emulator/data/demo';
import { defaultSpecsDir } from '../../emulator/paths';
import { SpecIndex, type SpecOperation } from '../../emulator/specIndex';
import { describeViolation } from '../../harness/conformanceCheck';
import { useEmulator } from './fixture';

const SPECS = defaultSpecsDir();

interface Example {
  file: string;
  parameters: Record<string, unknown>;
  responses: Record<string, { body?: unknown }>;
}

/** Examples of operations whose spec is not in the folder, with the path template the service uses. */
const WITHOUT_SPEC: Record<string, { method: string; template: string }> = {
  'BatchAccountGet.json': { method: 'GET', template: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Batch/batchAccounts/{accountName}' },
  'BatchAccountList.json': { method: 'GET', template: '/subscriptions/{subscriptionId}/providers/Microsoft.Batch/batchAccounts' },
  'BatchAccountListByResourceGroup.json': { method: 'GET', template: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Batch/batchAccounts' },
  'BatchAccountGetKeys.json': { method: 'POST', template: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Batch/batchAccounts/{accountName}/listKeys' },
  'PoolList.json': { method: 'GET', template: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Batch/batchAccounts/{accountName}/pools' },
};

/** Examples of older api-versions whose spec is not in the folder; the 2025-06-01.21.0 examples cover their operations. */
const OLDER_VERSIONS = ['PoolPatch.json', 'NodeReimage.json'];

function exampleFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      out.push(...exampleFiles(full));
    } else if (full.includes('/examples/') && name.endsWith('.json')) {
      out.push(full);
    }
  }
  return out.sort();
}

function fill(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(String(values[name] ?? `{${name}}`)));
}

/** Where the two bodies disagree on a JSON type (null, array, object, string, number, boolean), at any depth. */
function shapeDifferences(expected: unknown, actual: unknown, at = ''): string[] {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(expected) !== kind(actual)) {
    return [`${at || '(body)'}: the example has ${kind(expected)}, the emulator ${kind(actual)}`];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return expected.length > 0 && actual.length > 0 ? shapeDifferences(expected[0], actual[0], `${at}/0`) : [];
  }
  if (kind(expected) === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    return Object.keys(e).filter((k) => k in a).flatMap((k) => shapeDifferences(e[k], a[k], `${at}/${k}`));
  }
  return [];
}

describe('emulator: the official examples of the specs', function () {
  this.timeout(30_000);
  const f = useEmulator({ lroDelayMs: 50, nodeTransitionMs: 50 });
  const files = exampleFiles(join(SPECS, 'specification'));
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Example;

  /** The operation an example shows, and how to send it. */
  function operationOf(file: string): { surface: 'batch' | 'arm'; method: string; template: string; operation?: SpecOperation } | undefined {
    const found = index.operationOfExample(basename(file));
    if (found) {
      return { surface: found.spec.surface, method: found.operation.method.toUpperCase(), template: found.operation.template, operation: found.operation };
    }
    const route = WITHOUT_SPEC[basename(file)];
    return route ? { surface: 'arm', ...route } : undefined;
  }
  let index: SpecIndex;
  before(() => {
    index = new SpecIndex(SPECS);
  });

  it('has examples, and every one is checked or listed with the reason it cannot be', () => {
    assert.ok(files.length >= 30, `examples under ${SPECS}: ${files.length}`);
    const unaccounted = files.filter((file) => !operationOf(file) && !OLDER_VERSIONS.includes(basename(file)));
    assert.deepEqual(unaccounted, []);
  });

  it('the spec check accepts every example request body and every example response', () => {
    const conformance = new Conformance(SPECS);
    let checked = 0;
    for (const file of files) {
      const op = operationOf(file);
      if (!op?.operation) {
        continue;
      }
      const example = read(file);
      const base = {
        surface: op.surface,
        method: op.method,
        path: fill(op.template, example.parameters),
        fullPath: basename(file),
        apiVersion: String(example.parameters['api-version']),
        body: op.operation.body && example.parameters[op.operation.body.name] !== undefined ? JSON.stringify(example.parameters[op.operation.body.name]) : '',
      };
      assert.deepEqual(conformance.check(base), { ok: true, operationId: op.operation.operationId }, `${basename(file)}: request`);
      for (const [status, response] of Object.entries(example.responses)) {
        const responseBody = response.body === undefined ? '' : JSON.stringify(response.body);
        assert.equal(conformance.checkResponse({ ...base, status: Number(status), responseBody }), undefined, `${basename(file)}: response ${status}`);
        checked++;
      }
    }
    assert.deepEqual(conformance.violations(), []);
    assert.ok(checked >= 24, `responses checked: ${checked}`);
  });

  it('the emulator answers each example operation it implements with the example status and shape, and accepts the example requests', async () => {
    const prod = f.emulator.info.batchAccounts.find((a) => a.name === 'contosoprod')!;
    const armAuth = { authorization: `Bearer ${await f.http.armToken()}` };
    const compared: string[] = [];
    const notImplemented: string[] = [];
    const responseViolations: string[] = [];
    for (const file of files) {
      const op = operationOf(file);
      if (!op) {
        continue;
      }
      responseViolations.push(...f.emulator.conformanceViolations().filter((v) => v.kind === 'response').map(describeViolation));
      f.emulator.reset();
      const example = read(file);
      const idle = f.emulator.state.accounts.get('contosoprod')!.pools.get('linux-small')!.nodes.find((n) => n.state === 'idle')!;
      const batchAccount = op.template.includes('Microsoft.Batch');
      const ids: Record<string, unknown> = {
        ...example.parameters,
        poolId: 'linux-small', nodeId: idle.id, subscriptionId: SUBSCRIPTION_PROD, accountName: 'contosoprod',
        resourceGroupName: batchAccount ? prod.resourceGroup : 'images-rg', galleryName: 'contosoImages',
        galleryImageName: op.method === 'PUT' ? 'example-image' : 'ubuntu-2204-batch',
        // A file the idle node has (the examples name a task's file, and an idle node runs no task), written with "\\"
        // as the examples write theirs.
        filePath: 'startup\\stdout.txt',
      };
      let body = op.operation?.body ? example.parameters[op.operation.body.name] : undefined;
      if (op.operation?.body?.name === 'galleryImage') {
        body = { ...(body as object), location: 'westeurope' }; // the service wants the gallery's location
      }
      const url = op.surface === 'batch'
        ? `${prod.url}${fill(op.template, ids)}?api-version=${example.parameters['api-version']}`
        : `${fill(op.template, ids).slice(1)}?api-version=${example.parameters['api-version']}`;
      const headers = op.surface === 'batch' ? { ...f.auth, 'content-type': 'application/json; odata=minimalmetadata' } : { ...armAuth, 'content-type': 'application/json' };
      const res = await f.http.send(op.method, url, { headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      if (res.headers['x-azb-emulator'] === 'not-implemented') {
        notImplemented.push(basename(file));
        continue;
      }
      const statuses = Object.keys(example.responses);
      assert.ok(statuses.includes(String(res.status)), `${basename(file)}: the emulator answered ${res.status} (${res.text.slice(0, 300)}); the example shows ${statuses.join(', ')}`);
      const expected = example.responses[String(res.status)]?.body;
      if (expected !== undefined) {
        // A file's content (application/octet-stream) is a string in the examples, as its bytes are to the test.
        const actual = String(res.headers['content-type'] ?? '').startsWith('application/octet-stream') ? res.text : res.json;
        assert.deepEqual(shapeDifferences(expected, actual), [], `${basename(file)}: the shapes differ`);
      }
      compared.push(basename(file));
    }
    responseViolations.push(...f.emulator.conformanceViolations().filter((v) => v.kind === 'response').map(describeViolation));
    assert.deepEqual(responseViolations, [], 'the emulator answered as the specs define');
    console.log(`      compared with the emulator: ${compared.length} examples; operations it does not implement: ${notImplemented.join(', ') || 'none'}`);
    for (const wanted of ['Pools_GetPool_Basic.json', 'Pools_ListPools_Basic.json', 'Nodes_GetNode.json', 'Nodes_ListNodes.json', 'Pools_ListPoolNodeCounts.json', 'Nodes_NodeReimage.json', 'Pools_UpdatePool.json', 'GalleryImage_Create.json', 'GalleryImage_Get.json', 'GalleryImage_ListByGallery.json', 'Gallery_Get.json', 'BatchAccountGet.json', 'BatchAccountGetKeys.json']) {
      assert.ok(compared.includes(wanted), `${wanted} was compared with the emulator`);
    }
  });
});
