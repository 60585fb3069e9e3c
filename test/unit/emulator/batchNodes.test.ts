/** Emulator: node listing (paging over 10,000 nodes, $filter, $select), node counts, reimage and its state machine. */
import * as assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/server';
import type { EmulatorHttp } from '../../emulator/testClient';
import { useEmulator } from './fixture';
import { V, waitFor, type BatchErrorBody } from './batchTestParts';

const TRANSITION_MS = 300;

interface NodeList {
  'odata.metadata': string;
  value: Record<string, unknown>[];
  'odata.nextLink'?: string;
}

describe('emulator: Batch nodes', function () {
  this.timeout(20_000);
  const f = useEmulator({ data: 'demo', nodeTransitionMs: TRANSITION_MS });
  let emulator: Emulator;
  let http: EmulatorHttp;
  let auth: Record<string, string>;
  let hpc: string;
  let prod: string;
  let research: string;
  before(() => {
    ({ emulator, http, auth } = f);
    [hpc, prod, research] = ['contosohpc', 'contosoprod', 'fabrikamresearch'].map(f.url);
  });

  const get = (url: string) => http.send('GET', url, { headers: auth });

  it('pages the 10,000-node pool in 10 pages of 1000 with unique ids and absolute same-origin next links', async () => {
    const ids = new Set<string>();
    let url: string | undefined = `${hpc}/pools/hpc-10k/nodes?${V}&maxresults=1000&$select=id,state`;
    let pages = 0;
    while (url) {
      const res = await get(url);
      assert.equal(res.status, 200, res.text);
      const body = res.json as NodeList;
      pages++;
      assert.ok(body.value.length <= 1000);
      for (const n of body.value) {
        assert.deepEqual(Object.keys(n).sort(), ['id', 'state']);
        ids.add(n['id'] as string);
      }
      url = body['odata.nextLink'];
      if (url) {
        const next = new URL(url);
        assert.equal(next.origin, new URL(emulator.info.baseUrl).origin);
        assert.equal(next.searchParams.get('api-version'), '2025-06-01.21.0');
        assert.equal(next.searchParams.get('maxresults'), '1000');
        assert.equal(next.searchParams.get('$select'), 'id,state');
        assert.ok(next.searchParams.get('$skiptoken'));
      }
    }
    assert.equal(pages, 10);
    assert.equal(ids.size, 10_000);
  });

  it('defaults maxresults to 1000 and refuses more than 1000 (400 InvalidQueryParameterValue)', async () => {
    const first = await get(`${hpc}/pools/hpc-10k/nodes?${V}&$select=id`);
    assert.equal((first.json as NodeList).value.length, 1000);
    const res = await get(`${hpc}/pools/hpc-10k/nodes?${V}&maxresults=1001`);
    assert.equal(res.status, 400);
    const err = res.json as BatchErrorBody;
    assert.equal(err.code, 'InvalidQueryParameterValue');
    assert.deepEqual(err.values?.slice(0, 2), [{ key: 'QueryParameterName', value: 'maxresults' }, { key: 'QueryParameterValue', value: '1001' }]);
    assert.equal(err.message.lang, 'en-US');
    assert.match(err.message.value, /\nRequestId:[0-9a-f-]{36}\nTime:\d{4}-/);
  });

  it('filters on state (with or / parentheses) across pages, keeping the filter in the next link', async () => {
    const filter = encodeURIComponent("(state eq 'idle') or state eq 'running'");
    let url: string | undefined = `${hpc}/pools/hpc-10k/nodes?${V}&$filter=${filter}&$select=id,state,isDedicated&maxresults=1000`;
    let count = 0;
    while (url) {
      const body = (await get(url)).json as NodeList;
      for (const n of body.value) { assert.ok(n['state'] === 'idle' || n['state'] === 'running'); }
      count += body.value.length;
      url = body['odata.nextLink'];
      if (url) { assert.equal(new URL(url).searchParams.get('$filter'), "(state eq 'idle') or state eq 'running'"); }
    }
    const expected = emulator.state.accounts.get('contosohpc')!.pools.get('hpc-10k')!.nodes.filter((n) => n.state === 'idle' || n.state === 'running').length;
    assert.equal(count, expected);
    assert.ok(count > 5000 && count < 10_000);

    const unusable = (await get(`${hpc}/pools/hpc-10k/nodes?${V}&$filter=${encodeURIComponent("state eq 'unusable'")}`)).json as NodeList;
    assert.ok(unusable.value.length > 0);
    for (const n of unusable.value) {
      assert.equal(n['state'], 'unusable');
      assert.ok(Array.isArray(n['errors']) && (n['errors'] as unknown[]).length > 0);
    }
    const bad = await get(`${hpc}/pools/hpc-10k/nodes?${V}&$filter=${encodeURIComponent("stat eq 'idle'")}`);
    assert.equal(bad.status, 400);
  });

  it('serves node shapes per Nodes_ListNodes / Nodes_GetNode, $select on get, 404 NodeNotFound', async () => {
    const list = (await get(`${prod}/pools/linux-small/nodes?${V}`)).json as NodeList;
    assert.equal(list.value.length, 3);
    const [idle, running, failed] = list.value as Record<string, unknown>[];
    for (const key of ['id', 'url', 'state', 'schedulingState', 'stateTransitionTime', 'lastBootTime', 'allocationTime', 'ipAddress', 'affinityId', 'vmSize', 'totalTasksRun', 'runningTasksCount', 'runningTaskSlotsCount', 'isDedicated', 'startTask', 'startTaskInfo', 'nodeAgentInfo']) {
      assert.ok(key in idle!, key);
    }
    assert.equal(idle!['state'], 'idle');
    assert.equal(idle!['url'], `${prod}/pools/linux-small/nodes/${idle!['id'] as string}`);
    assert.equal(running!['state'], 'running');
    assert.ok((running!['runningTasksCount'] as number) >= 1);
    assert.equal(failed!['state'], 'starttaskfailed');
    assert.equal((failed!['startTaskInfo'] as { exitCode: number }).exitCode, 1);

    const one = await get(`${prod}/pools/linux-small/nodes/${idle!['id'] as string}?${V}&$select=id,state,ipAddress`);
    assert.equal(one.status, 200);
    const { ['odata.metadata']: _m, ...fields } = one.json as Record<string, unknown>;
    assert.deepEqual(Object.keys(fields).sort(), ['id', 'ipAddress', 'state']);
    const missing = await get(`${prod}/pools/linux-small/nodes/tvm-nope?${V}`);
    assert.equal(missing.status, 404);
    assert.equal((missing.json as BatchErrorBody).code, 'NodeNotFound');
  });

  it('counts nodes per pool and state (Pools_ListPoolNodeCounts shape)', async () => {
    const res = await get(`${research}/nodecounts?${V}`);
    assert.equal(res.status, 200);
    const ml = (res.json as { value: Record<string, Record<string, number>>[] }).value.find((p) => (p['poolId'] as unknown) === 'ml-train')!;
    assert.equal(ml['dedicated']!['total'], 5);
    assert.equal(ml['lowPriority']!['total'], 5);
    assert.equal(ml['lowPriority']!['preempted'], 2);
    assert.equal(ml['lowPriority']!['startTaskFailed'], 1);
    assert.equal(ml['dedicated']!['unusable'], 1);
    assert.equal(ml['dedicated']!['upgradingOS'], 0);
  });

  it('reimages an idle node: 202, then reimaging -> starting -> idle', async () => {
    const pool = emulator.state.accounts.get('contosoprod')!.pools.get('linux-small')!;
    const node = pool.nodes.find((n) => n.state === 'idle')!;
    const res = await http.send('POST', `${prod}/pools/linux-small/nodes/${node.id}/reimage?${V}`, {
      headers: { ...auth, 'content-type': 'application/json; odata=minimalmetadata' },
      body: JSON.stringify({ nodeReimageOption: 'requeue' }),
    });
    assert.equal(res.status, 202, res.text);
    assert.equal(res.text, '');
    assert.ok(res.headers['request-id']);
    assert.equal(res.headers['dataserviceid'], `${prod}/pools/linux-small/nodes/${node.id}/reimage`);
    assert.equal(((await get(`${prod}/pools/linux-small/nodes/${node.id}?${V}&$select=state`)).json as { state: string }).state, 'reimaging');
    await waitFor(() => emulator.getNode('contosoprod', 'linux-small', node.id)!.state, (s) => s === 'idle');
    const view = emulator.getNode('contosoprod', 'linux-small', node.id)!;
    assert.equal(view.state, 'idle');
    assert.deepEqual(view.reimages[0]!.transitions.map((t) => t.state), ['reimaging', 'starting', 'idle']);
    assert.equal(view.reimages[0]!.outcome, 'completed');
  });

  it('requeues or terminates running tasks at once, lets them finish for taskcompletion', async () => {
    const pool = emulator.state.accounts.get('contosohpc')!.pools.get('hpc-10k')!;
    const [a, b, c] = pool.nodes.filter((n) => n.state === 'running');
    const reimage = (id: string, option?: string) =>
      http.send('POST', `${hpc}/pools/hpc-10k/nodes/${id}/reimage?${V}`, { headers: auth, ...(option ? { body: JSON.stringify({ nodeReimageOption: option }) } : {}) });
    const running = (id: string) => pool.nodeById.get(id)!.runningTaskIds!.slice();
    const [ra, rb, rc] = [running(a!.id), running(b!.id), running(c!.id)];
    assert.ok(ra.length > 0 && rb.length > 0 && rc.length > 0, 'each node runs tasks');
    assert.equal((await reimage(a!.id)).status, 202); // no body = requeue
    assert.equal((await reimage(b!.id, 'terminate')).status, 202);
    assert.equal((await reimage(c!.id, 'taskcompletion')).status, 202);

    const va = emulator.getNode('contosohpc', 'hpc-10k', a!.id)!;
    assert.equal(va.state, 'reimaging');
    assert.deepEqual(va.reimages[0]!.requeuedTaskIds, ra);
    const vb = emulator.getNode('contosohpc', 'hpc-10k', b!.id)!;
    assert.deepEqual(vb.reimages[0]!.terminatedTasks.map((t) => t.taskId), rb);
    assert.ok(vb.reimages[0]!.terminatedTasks.every((t) => t.failureInfo.code === 'TaskEnded'));
    const vc = emulator.getNode('contosohpc', 'hpc-10k', c!.id)!;
    assert.equal(vc.state, 'running'); // waits for its tasks
    assert.equal(vc.json['schedulingState'], 'disabled');
    await waitFor(() => emulator.getNode('contosohpc', 'hpc-10k', c!.id)!.state, (s) => s === 'idle');
    const done = emulator.getNode('contosohpc', 'hpc-10k', c!.id)!;
    assert.deepEqual(done.reimages[0]!.completedTaskIds, rc);
    assert.deepEqual(done.reimages[0]!.transitions.map((t) => t.state), ['reimaging', 'starting', 'idle']);
  });

  it('refuses reimage from unusable (409 NodeStateUnusable), while reimaging, on an unsupported pool, and for a bad option', async () => {
    const pool = emulator.state.accounts.get('contosoprod')!.pools.get('linux-small')!;
    const node = pool.nodes.find((n) => n.state === 'idle')!;
    emulator.setNodeState('contosoprod', 'linux-small', node.id, 'unusable', [{ code: 'DiskFull', message: 'There is not enough disk space on the node' }]);
    const nodeJson = (await get(`${prod}/pools/linux-small/nodes/${node.id}?${V}`)).json as { state: string; errors: { code: string }[] };
    assert.equal(nodeJson.state, 'unusable');
    assert.equal(nodeJson.errors[0]!.code, 'DiskFull');
    const url = `${prod}/pools/linux-small/nodes/${node.id}/reimage?${V}`;
    const unusable = await http.send('POST', url, { headers: auth });
    assert.equal(unusable.status, 409);
    assert.equal((unusable.json as BatchErrorBody).code, 'NodeStateUnusable');

    emulator.setNodeState('contosoprod', 'linux-small', node.id, 'idle');
    assert.equal((await http.send('POST', url, { headers: auth })).status, 202);
    const again = await http.send('POST', url, { headers: auth });
    assert.equal(again.status, 409);
    assert.equal((again.json as BatchErrorBody).code, 'NodeBeingReimaged');

    const failed = pool.nodes.find((n) => n.state === 'starttaskfailed')!;
    const stf = await http.send('POST', `${prod}/pools/linux-small/nodes/${failed.id}/reimage?${V}`, { headers: auth });
    assert.equal(stf.status, 409);
    assert.equal((stf.json as BatchErrorBody).code, 'OperationNotValidOnNode');

    const legacy = emulator.state.accounts.get('fabrikamresearch')!.pools.get('legacy-cs')!.nodes[0]!;
    const unsupported = await http.send('POST', `${research}/pools/legacy-cs/nodes/${legacy.id}/reimage?${V}`, { headers: auth });
    assert.equal(unsupported.status, 409);
    assert.equal((unsupported.json as BatchErrorBody).code, 'OperationNotValidOnPool');

    const other = pool.nodes.find((n) => n.state === 'running')!;
    const badOption = await http.send('POST', `${prod}/pools/linux-small/nodes/${other.id}/reimage?${V}`, { headers: auth, body: JSON.stringify({ nodeReimageOption: 'later' }) });
    assert.equal(badOption.status, 400);

    const unknownNode = await http.send('POST', `${prod}/pools/linux-small/nodes/tvm-missing/reimage?${V}`, { headers: auth });
    assert.equal(unknownNode.status, 404);
    assert.equal((unknownNode.json as BatchErrorBody).code, 'NodeNotFound');
  });

  it('answers unknown Batch routes and accounts with a 404 BatchError', async () => {
    const res = await get(`${prod}/jobs?${V}`);
    assert.equal(res.status, 404);
    assert.ok((res.json as BatchErrorBody).message.value.includes('RequestId:'));
    const noVersion = await get(`${prod}/pools`);
    assert.equal(noVersion.status, 400);
    assert.equal((noVersion.json as BatchErrorBody).code, 'MissingRequiredQueryParameter');
  });
});
