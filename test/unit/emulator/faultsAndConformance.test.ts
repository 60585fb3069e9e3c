/** Emulator: injected faults, request recording, conformance with the official specs, control API over HTTP. */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Conformance } from '../../emulator/conformance';
import { EmulatorControl } from '../../emulator/control';
import { SUBSCRIPTION_PROD } from '../../emulator/data/demo';
import { defaultSpecsDir } from '../../emulator/paths';
import type { Emulator } from '../../emulator/server';
import type { EmulatorHttp } from '../../emulator/testClient';
import { useEmulator } from './fixture';

const V = 'api-version=2025-06-01.21.0';
const SPECS = defaultSpecsDir();
const EXAMPLES = {
  poolUpdate: 'specification/batch/Azure.Batch/examples/2025-06-01.21.0/Pools_UpdatePool.json',
  nodeReimage: 'specification/batch/Azure.Batch/examples/2025-06-01.21.0/Nodes_NodeReimage.json',
  imageCreate: 'specification/compute/resource-manager/Microsoft.Compute/GalleryRP/stable/2024-03-03/examples/galleryExamples/GalleryImage_Create.json',
};

function exampleBody(file: string, parameter: string): unknown {
  return (JSON.parse(readFileSync(join(SPECS, file), 'utf8')) as { parameters: Record<string, unknown> }).parameters[parameter];
}

describe('emulator: faults, recording, conformance, control API', function () {
  this.timeout(20_000);
  const f = useEmulator({ lroDelayMs: 50, nodeTransitionMs: 50 });
  let emulator: Emulator;
  let http: EmulatorHttp;
  let auth: Record<string, string>;
  let prod: string;
  before(() => {
    ({ emulator, http, auth } = f);
    prod = f.url('contosoprod');
  });

  describe('faults', () => {
    it('answers 429 with Retry-After and the service error shape, for `count` requests only', async () => {
      emulator.addFault({ route: '/pools$', method: 'GET', kind: 'status', status: 429, retryAfterSeconds: 2, count: 2 });
      for (let i = 0; i < 2; i++) {
        const res = await http.send('GET', `${prod}/pools?${V}`, { headers: auth });
        assert.equal(res.status, 429);
        assert.equal(res.headers['retry-after'], '2');
        assert.equal((res.json as { code: string }).code, 'TooManyRequests');
      }
      assert.equal((await http.send('GET', `${prod}/pools?${V}`, { headers: auth })).status, 200);
      const recorded = emulator.requests({ path: /\/pools$/ });
      assert.deepEqual(recorded.map((r) => [r.status, r.fault]), [[429, 'status'], [429, 'status'], [200, undefined]]);
      assert.ok(recorded.every((r) => r.responseBytes > 0));
    });

    it('sends x-ms-retry-after-ms, resets connections, cuts and malforms bodies', async () => {
      emulator.addFault({ kind: 'status', status: 503, retryAfterMs: 1500, count: 1 });
      const busy = await http.send('GET', `${prod}/pools?${V}`, { headers: auth });
      assert.equal(busy.status, 503);
      assert.equal(busy.headers['x-ms-retry-after-ms'], '1500');

      emulator.addFault({ route: 'linux-small$', kind: 'reset', count: 1 });
      await assert.rejects(http.send('GET', `${prod}/pools/linux-small?${V}`, { headers: auth }));

      emulator.addFault({ route: 'linux-small$', kind: 'cutBody', count: 1 });
      await assert.rejects(http.send('GET', `${prod}/pools/linux-small?${V}`, { headers: auth }));

      emulator.addFault({ route: 'linux-small$', kind: 'malformedJson', count: 1 });
      const malformed = await http.send('GET', `${prod}/pools/linux-small?${V}`, { headers: auth });
      assert.equal(malformed.status, 200);
      assert.throws(() => JSON.parse(malformed.text));

      emulator.addFault({ route: 'linux-small$', kind: 'slowBody', delayMs: 100, count: 1 });
      const started = Date.now();
      const slow = await http.send('GET', `${prod}/pools/linux-small?${V}`, { headers: auth });
      assert.equal(slow.status, 200);
      assert.ok(Date.now() - started >= 80);
      assert.equal((slow.json as { id: string }).id, 'linux-small');
      const kinds = emulator.requests({ path: /linux-small$/ }).map((r) => r.fault);
      assert.deepEqual(kinds, ['reset', 'cutBody', 'malformedJson', 'slowBody']);
    });
  });

  describe('conformance', () => {
    before(function () {
      if (!existsSync(SPECS)) { this.skip(); }
    });

    it('is on when the specs folder exists', () => {
      assert.equal(emulator.info.conformance, true);
    });

    it('rejects a body with a wrong type (400 in the Batch error shape) and records the violation', async () => {
      const res = await http.send('PATCH', `${prod}/pools/gpu-empty?${V}`, {
        headers: { ...auth, 'content-type': 'application/json; odata=minimalmetadata' },
        body: JSON.stringify({ taskSlotsPerNode: 'four' }),
      });
      assert.equal(res.status, 400);
      assert.equal((res.json as { code: string }).code, 'InvalidRequestBody');
      const violations = emulator.conformanceViolations();
      assert.equal(violations.length, 1);
      assert.equal(violations[0]!.definition, 'BatchPoolUpdateOptions');
      assert.equal(violations[0]!.apiVersion, '2025-06-01.21.0');
      assert.deepEqual(violations[0]!.errors, ['/taskSlotsPerNode must be integer']);
      assert.equal(violations[0]!.method, 'PATCH');
    });

    it('accepts the official example bodies (Pools_UpdatePool, Nodes_NodeReimage, GalleryImage_Create)', async () => {
      const patch = await http.send('PATCH', `${prod}/pools/linux-small?${V}`, {
        headers: { ...auth, 'content-type': 'application/json; odata=minimalmetadata' },
        body: JSON.stringify(exampleBody(EXAMPLES.poolUpdate, 'pool')),
      });
      assert.equal(patch.status, 200, patch.text);
      const node = emulator.state.accounts.get('contosoprod')!.pools.get('linux-small')!.nodes.find((n) => n.state === 'idle')!;
      const reimage = await http.send('POST', `${prod}/pools/linux-small/nodes/${node.id}/reimage?${V}`, {
        headers: { ...auth, 'content-type': 'application/json; odata=minimalmetadata' },
        body: JSON.stringify(exampleBody(EXAMPLES.nodeReimage, 'nodeReimageParameter')),
      });
      assert.equal(reimage.status, 202, reimage.text);
      const armAuth = { authorization: `Bearer ${await http.armToken()}` };
      const image = exampleBody(EXAMPLES.imageCreate, 'galleryImage') as Record<string, unknown>;
      const put = await http.send('PUT', `subscriptions/${SUBSCRIPTION_PROD}/resourceGroups/images-rg/providers/Microsoft.Compute/galleries/contosoImages/images/myGalleryImageName?api-version=2024-03-03`, {
        headers: { ...armAuth, 'content-type': 'application/json' },
        body: JSON.stringify({ ...image, location: 'westeurope' }),
      });
      assert.equal(put.status, 201, put.text);
      assert.deepEqual(emulator.conformanceViolations(), []);
    });

    it('checks an older api-version against the nearest definitions and says so', async () => {
      const res = await http.send('POST', `${prod}/pools/linux-small/nodes/x/reimage?api-version=2024-07-01.20.0`, { headers: auth, body: JSON.stringify({ nodeReimageOption: 'Sometime' }) });
      assert.equal(res.status, 400);
      const [violation] = emulator.conformanceViolations();
      assert.equal(violation!.apiVersion, '2024-07-01.20.0');
      assert.equal(violation!.specVersion, '2025-06-01.21.0');
      assert.match(violation!.note ?? '', /nearest/);
    });

    it('rejects a property the spec does not define (a misspelling), at any depth', async () => {
      const res = await http.send('PATCH', `${prod}/pools/gpu-empty?${V}`, {
        headers: { ...auth, 'content-type': 'application/json; odata=minimalmetadata' },
        body: JSON.stringify({ metadata: [{ name: 'a', value: 'b' }], startTask: { commandLine: 'x', maxTaskRetryCont: 1 } }),
      });
      assert.equal(res.status, 400);
      assert.deepEqual(emulator.conformanceViolations().map((v) => [v.kind, v.errors]), [['request', ["/startTask has a property the spec does not define: 'maxTaskRetryCont'"]]]);
    });

    it('answers 404 to a request that is no operation of the spec, and records it', async () => {
      const res = await http.send('POST', `${prod}/pools/linux-small/resize-now?${V}`, { headers: auth, body: '{}' });
      assert.equal(res.status, 404);
      assert.equal((res.json as { code: string }).code, 'ResourceNotFound');
      const [violation] = emulator.conformanceViolations();
      assert.equal(violation!.kind, 'operation');
      assert.match(violation!.errors[0]!, /no operation of .*BatchService\.json .* is POST \/pools\/linux-small\/resize-now/);
    });

    it('records a response the spec does not define: an unknown property, a status the operation does not have', async () => {
      emulator.touchPool('contosoprod', 'linux-small', { colour: 'blue' });
      const res = await http.send('GET', `${prod}/pools/linux-small?${V}`, { headers: auth });
      assert.equal(res.status, 200);
      const violations = emulator.conformanceViolations();
      assert.deepEqual(violations.map((v) => [v.kind, v.status, v.operationId, v.errors]), [['response', 200, 'Pools_GetPool', ["(body) has a property the spec does not define: 'colour'"]]]);
      emulator.reset(); // (the fixture checks that the emulator's own answers conform)
      const reply = new Conformance(SPECS).checkResponse({
        surface: 'batch', method: 'POST', path: '/pools/linux-small/nodes/n/reimage', fullPath: '/x', apiVersion: '2025-06-01.21.0', body: '', status: 200, responseBody: '',
      });
      assert.match(reply?.errors[0] ?? '', /status 200 is not a response of the operation \(it has 202, default\)/);
    });

    it('says so instead of "no violations" when conformance is off', () => {
      const off = new Conformance(null);
      assert.equal(off.enabled, false);
      assert.throws(() => off.violations(), /conformance is off: disabled by option/);
    });

    it('rejects a gallery image body missing required properties (ARM CloudError)', async () => {
      const armAuth = { authorization: `Bearer ${await http.armToken()}` };
      const res = await http.send('PUT', `subscriptions/${SUBSCRIPTION_PROD}/resourceGroups/images-rg/providers/Microsoft.Compute/galleries/contosoImages/images/partial?api-version=2024-03-03`, {
        headers: { ...armAuth, 'content-type': 'application/json' },
        body: JSON.stringify({ location: 'westeurope', properties: { osType: 'Linux', identifier: { publisher: 'p', offer: 'o', sku: 's' } } }),
      });
      assert.equal(res.status, 400);
      assert.equal((res.json as { error: { code: string } }).error.code, 'InvalidParameter');
      assert.equal(emulator.conformanceViolations()[0]!.definition, 'GalleryImage');
    });
  });

  describe('control API over HTTP (EmulatorControl)', () => {
    it('drives faults, node states, pool touches, requests and reset from another client', async () => {
      const control = new EmulatorControl(emulator.info.baseUrl, { ca: http.ca });
      try {
        const info = await control.info();
        assert.equal(info.baseUrl, emulator.info.baseUrl);
        await control.addFault({ route: '/nodecounts$', kind: 'status', status: 500, count: 1 });
        assert.equal((await http.send('GET', `${prod}/nodecounts?${V}`, { headers: auth })).status, 500);
        assert.equal((await http.send('GET', `${prod}/nodecounts?${V}`, { headers: auth })).status, 200);
        const recorded = await control.requests({ path: '/nodecounts$', method: 'GET' });
        assert.deepEqual(recorded.map((r) => r.status), [500, 200]);

        const nodeId = emulator.state.accounts.get('contosoprod')!.pools.get('linux-small')!.nodes[0]!.id;
        const node = await control.setNodeState('contosoprod', 'linux-small', nodeId, 'starttaskfailed');
        assert.equal(node['state'], 'starttaskfailed');
        assert.equal((await control.getNode('contosoprod', 'linux-small', nodeId)).state, 'starttaskfailed');
        await assert.rejects(control.setNodeState('contosoprod', 'linux-small', nodeId, 'sleeping'), /not a compute node state/);

        const before = (await control.getPool('contosoprod', 'linux-small'))['eTag'];
        const touched = await control.touchPool('contosoprod', 'linux-small', { metadata: [{ name: 'x', value: 'y' }] });
        assert.notEqual(touched.eTag, before);
        assert.deepEqual((await control.getPool('contosoprod', 'linux-small'))['metadata'], [{ name: 'x', value: 'y' }]);

        await control.failNextImagePut('InternalOperationError', 'boom');
        assert.deepEqual(await control.conformance(), []);
        await control.clearRequests();
        assert.deepEqual(await control.requests(), []);
        await control.reset();
        assert.equal(emulator.getNode('contosoprod', 'linux-small', nodeId)!.state, 'idle');
      } finally {
        await control.close();
      }
    });
  });
});
