/** Emulator: pool list/get (ETag, conditional GET) and PATCH semantics. */
import * as assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server';
import type { EmulatorHttp } from '../../emulator/testClient';
import { useEmulator } from './fixture';

const V = 'api-version=2025-06-01.21.0';

interface BatchErrorBody {
  code: string;
  message: { lang: string; value: string };
  values?: { key: string; value: string }[];
}

describe('emulator: Batch pools', function () {
  this.timeout(20_000);
  const f = useEmulator();
  let emulator: Emulator;
  let http: EmulatorHttp;
  let auth: Record<string, string>;
  let prod: string;
  before(() => {
    ({ emulator, http, auth } = f);
    prod = f.url('contosoprod');
  });

  const getPool = (id: string, headers: Record<string, string> = {}) => http.send('GET', `${prod}/pools/${id}?${V}`, { headers: { ...auth, ...headers } });
  const patch = (id: string, body: unknown, headers: Record<string, string> = {}) =>
    http.send('PATCH', `${prod}/pools/${id}?${V}`, { headers: { ...auth, 'content-type': 'application/json; odata=minimalmetadata', ...headers }, body: JSON.stringify(body) });

  it('lists pools with $filter and $select, gets one with ETag / Last-Modified, and answers 304 to If-None-Match', async () => {
    const list = await http.send('GET', `${prod}/pools?${V}&$filter=${encodeURIComponent("startswith(id,'linux')")}&$select=id,vmSize`, { headers: auth });
    assert.equal(list.status, 200);
    assert.deepEqual((list.json as { value: unknown[] }).value, [{ id: 'linux-small', vmSize: 'standard_d2s_v3' }]);
    const res = await getPool('linux-small');
    assert.equal(res.status, 200);
    const pool = res.json as Record<string, unknown>;
    assert.equal(res.headers['etag'], pool['eTag']);
    assert.match(String(pool['eTag']), /^0x[0-9A-F]+$/);
    assert.ok(res.headers['last-modified']);
    assert.equal(pool['currentDedicatedNodes'], 3);
    const notModified = await getPool('linux-small', { 'if-none-match': String(pool['eTag']) });
    assert.equal(notModified.status, 304);
    const selected = await http.send('GET', `${prod}/pools/linux-small?${V}&$select=id,state`, { headers: auth });
    const { ['odata.metadata']: _m, ...fields } = selected.json as Record<string, unknown>;
    assert.deepEqual(fields, { id: 'linux-small', state: 'active' });
    const missing = await getPool('nope');
    assert.equal(missing.status, 404);
    assert.equal((missing.json as BatchErrorBody).code, 'PoolNotFound');
  });

  it('PATCH keeps omitted properties, clears emptied lists, replaces the start task; 200 without body and a new ETag', async () => {
    const before = (await getPool('linux-small')).json as Record<string, unknown>;
    assert.ok(Array.isArray(before['metadata']));
    const res = await patch('linux-small', { metadata: [], startTask: { commandLine: "/bin/bash -c 'echo start task'" } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.text, '');
    assert.notEqual(res.headers['etag'], before['eTag']);
    assert.ok(res.headers['last-modified']);
    const after = (await getPool('linux-small')).json as Record<string, unknown>;
    assert.equal(after['eTag'], res.headers['etag']);
    assert.equal(after['metadata'], undefined, 'empty list clears');
    assert.deepEqual(after['startTask'], {
      commandLine: "/bin/bash -c 'echo start task'",
      userIdentity: { autoUser: { scope: 'pool', elevationLevel: 'nonadmin' } },
      maxTaskRetryCount: 0,
      waitForSuccess: true,
    });
    for (const key of ['vmSize', 'virtualMachineConfiguration', 'taskSlotsPerNode', 'taskSchedulingPolicy', 'displayName']) {
      assert.deepEqual(after[key], before[key], `${key} unchanged`);
    }
    // BatchPoolUpdateOptions allows no null (no x-nullable): a null is refused as the spec says, and changes nothing.
    const nulls = await patch('linux-small', { startTask: null, applicationPackageReferences: [{ applicationId: 'blender', version: '4.1' }] });
    assert.equal(nulls.status, 400, nulls.text);
    assert.equal((nulls.json as BatchErrorBody).code, 'InvalidRequestBody');
    assert.deepEqual(emulator.conformanceViolations().map((v) => [v.kind, v.errors]), [['request', ['/startTask must be object']]]);
    const again = (await getPool('linux-small')).json as Record<string, unknown>;
    assert.deepEqual(again['startTask'], after['startTask']);
    assert.equal(again['applicationPackageReferences'], before['applicationPackageReferences']);
  });

  it('PATCH with a stale If-Match answers 412 ConditionNotMet (e.g. after another writer touched the pool)', async () => {
    const eTag = (await getPool('linux-small')).headers['etag']!;
    const touched = emulator.touchPool('contosoprod', 'linux-small', { metadata: [{ name: 'by', value: 'someone-else' }] });
    assert.notEqual(touched.eTag, eTag);
    const stale = await patch('linux-small', { metadata: [{ name: 'a', value: 'b' }] }, { 'if-match': eTag });
    assert.equal(stale.status, 412);
    const err = stale.json as BatchErrorBody;
    assert.equal(err.code, 'ConditionNotMet');
    const fresh = await patch('linux-small', { metadata: [{ name: 'a', value: 'b' }] }, { 'if-match': touched.eTag });
    assert.equal(fresh.status, 200);
    const unmodified = await patch('linux-small', { metadata: [] }, { 'if-unmodified-since': new Date(Date.now() - 3600_000).toUTCString() });
    assert.equal(unmodified.status, 412);
  });

  it('refuses "only when the pool is empty" properties on a pool with nodes, accepts them on an empty pool', async () => {
    const refused = await patch('linux-small', { vmSize: 'standard_d4s_v3' });
    assert.equal(refused.status, 400);
    const err = refused.json as BatchErrorBody;
    assert.equal(err.code, 'PropertyCannotBeUpdated');
    assert.deepEqual(err.values?.[0], { key: 'PropertyName', value: 'vmSize' });
    const ok = await patch('gpu-empty', { vmSize: 'standard_nc12s_v3', taskSlotsPerNode: 2 });
    assert.equal(ok.status, 200, ok.text);
    const pool = (await getPool('gpu-empty')).json as Record<string, unknown>;
    assert.equal(pool['vmSize'], 'standard_nc12s_v3');
    assert.equal(pool['taskSlotsPerNode'], 2);
  });

  it('validates with the service error shape (values PropertyName / Reason)', async () => {
    const slots = await patch('gpu-empty', { taskSlotsPerNode: 0 });
    assert.equal(slots.status, 400);
    const err = slots.json as BatchErrorBody;
    assert.equal(err.code, 'InvalidPropertyValue');
    assert.deepEqual(err.values?.map((v) => v.key), ['PropertyName', 'Reason']);
    const noCommand = await patch('linux-small', { startTask: {} });
    assert.equal(noCommand.status, 400);
    assert.equal((noCommand.json as BatchErrorBody).code, 'MissingRequiredProperty');
    const unknownApp = await patch('linux-small', { applicationPackageReferences: [{ applicationId: 'nope' }] });
    assert.equal(unknownApp.status, 409);
    assert.equal((unknownApp.json as BatchErrorBody).code, 'InvalidApplicationPackageReferences');
    const notUpdatable = await patch('linux-small', { targetDedicatedNodes: 5 });
    assert.equal(notUpdatable.status, 400);
    const notJson = await http.send('PATCH', `${prod}/pools/linux-small?${V}`, { headers: { ...auth, 'content-type': 'application/json' }, body: '{"metadata": [' });
    assert.equal(notJson.status, 400);
  });
});
