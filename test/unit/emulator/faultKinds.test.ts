/** Emulator: the fault kinds the fault matrix needs beyond the basic ones (reset after processing, foreign links, offline, status bodies). */
import * as assert from 'node:assert/strict';
import { EmulatorControl } from '../../emulator/control';
import { SUBSCRIPTION_PROD } from '../../emulator/data/demo';
import { useEmulator } from './fixture';

const V = 'api-version=2025-06-01.21.0';

describe('emulator: fault kinds of the fault matrix', function () {
  this.timeout(20_000);
  const f = useEmulator({ lroDelayMs: 50, nodeTransitionMs: 50 });
  const pool = () => `${f.url('contosoprod')}/pools/linux-small`;
  const patch = (ifMatch?: string) =>
    f.http.send('PATCH', `${pool()}?${V}`, {
      headers: { ...f.auth, 'content-type': 'application/json; odata=minimalmetadata', ...(ifMatch ? { 'if-match': ifMatch } : {}) },
      body: JSON.stringify({ metadata: [{ name: 'owner', value: 'fault-matrix' }] }),
    });

  it('"reset" drops the request unprocessed; "resetAfterProcessing" applies it, then drops the connection', async () => {
    const before = f.emulator.getPool('contosoprod', 'linux-small')!;
    f.emulator.addFault({ route: 'linux-small$', method: 'PATCH', kind: 'reset', count: 1 });
    await assert.rejects(patch());
    assert.equal(f.emulator.getPool('contosoprod', 'linux-small')!['eTag'], before['eTag'], 'not applied');

    f.emulator.addFault({ route: 'linux-small$', method: 'PATCH', kind: 'resetAfterProcessing', count: 1 });
    await assert.rejects(patch());
    const after = f.emulator.getPool('contosoprod', 'linux-small')!;
    assert.notEqual(after['eTag'], before['eTag'], 'applied');
    assert.deepEqual(after['metadata'], [{ name: 'owner', value: 'fault-matrix' }]);
    assert.deepEqual(f.emulator.requests({ method: 'PATCH' }).map((r) => [r.status, r.fault]), [[0, 'reset'], [0, 'resetAfterProcessing']]);
  });

  it('"cutBody" on an answer without a body promises "{}" and drops the connection after "{"', async () => {
    f.emulator.addFault({ route: 'linux-small$', method: 'PATCH', kind: 'cutBody', count: 1 });
    await assert.rejects(patch());
    const [record] = f.emulator.requests({ method: 'PATCH' });
    assert.deepEqual([record!.status, record!.responseBytes, record!.fault], [200, 1, 'cutBody']);
  });

  it('"foreignLink" moves next links (adding one on a last page) and operation URLs to another origin', async () => {
    f.emulator.addFault({ route: '/nodes$', kind: 'foreignLink', count: 2 });
    const first = await f.http.send('GET', `${pool()}/nodes?${V}&maxresults=1`, { headers: f.auth });
    const link = new URL((first.json as { 'odata.nextLink': string })['odata.nextLink']);
    assert.equal(link.origin, 'https://foreign.invalid');
    assert.match(link.pathname, /\/pools\/linux-small\/nodes$/);
    assert.ok(link.searchParams.get('$skiptoken'));
    const last = await f.http.send('GET', `${pool()}/nodes?${V}`, { headers: f.auth });
    assert.equal(new URL((last.json as { 'odata.nextLink': string })['odata.nextLink']).origin, 'https://foreign.invalid');

    const arm = { authorization: `Bearer ${await f.http.armToken()}`, 'content-type': 'application/json' };
    f.emulator.addFault({ route: '/images/', method: 'PUT', kind: 'foreignLink', origin: 'https://other.example:8443', count: 1 });
    const put = await f.http.send('PUT', `subscriptions/${SUBSCRIPTION_PROD}/resourceGroups/images-rg/providers/Microsoft.Compute/galleries/contosoImages/images/fm-1?api-version=2024-03-03`, {
      headers: arm,
      body: JSON.stringify({ location: 'westeurope', properties: { identifier: { publisher: 'p', offer: 'o', sku: 'fm-1' }, osType: 'Linux', osState: 'Generalized' } }),
    });
    assert.equal(put.status, 201, put.text);
    assert.equal(new URL(put.headers['azure-asyncoperation']!).origin, 'https://other.example:8443');
    assert.equal(new URL(put.headers['location']!).origin, 'https://other.example:8443');
    assert.throws(() => f.emulator.addFault({ kind: 'foreignLink', origin: 'https://x.example/path' }), /scheme:\/\/host\[:port\] only/);
  });

  it('status faults carry the service\'s code for 401, 403, 404, 409 and 412', async () => {
    const expected: Record<number, string> = { 401: 'AuthenticationFailed', 403: 'AuthorizationFailure', 404: 'ResourceNotFound', 409: 'OperationInvalidForCurrentState', 412: 'ConditionNotMet' };
    for (const [status, code] of Object.entries(expected)) {
      f.emulator.addFault({ route: 'linux-small$', kind: 'status', status: Number(status), count: 1 });
      const res = await f.http.send('GET', `${pool()}?${V}`, { headers: f.auth });
      assert.equal(res.status, Number(status));
      assert.equal((res.json as { code: string }).code, code);
    }
  });

  it('goes offline (connections refused, nothing recorded) and comes back on the same port, in-process and over the control API', async () => {
    await f.emulator.goOffline();
    const refused = await f.http.send('GET', `${pool()}?${V}`, { headers: f.auth }).catch((e: unknown) => e);
    assert.ok(refused instanceof Error);
    assert.match(String((refused as { code?: string }).code ?? (refused as Error).message), /ECONNREFUSED/);
    await f.emulator.goOnline();
    assert.equal((await f.http.send('GET', `${pool()}?${V}`, { headers: f.auth })).status, 200);

    const control = new EmulatorControl(f.emulator.info.baseUrl, { ca: f.http.ca });
    try {
      await control.offlineFor(400);
      await new Promise((r) => setTimeout(r, 150));
      await assert.rejects(f.http.send('GET', `${pool()}?${V}`, { headers: f.auth }));
      await new Promise((r) => setTimeout(r, 600));
      assert.equal((await f.http.send('GET', `${pool()}?${V}`, { headers: f.auth })).status, 200);
    } finally {
      await control.close();
    }
    assert.equal(f.emulator.requests({ path: /linux-small$/ }).length, 2, 'refused connections never reach the recorder');
  });
});
