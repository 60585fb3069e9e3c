/** Emulator: reboot, deallocate/start, scheduling, node users, remote login settings and service-log upload. */
import * as assert from 'node:assert/strict';
import type { NodeRecord, PoolRecord } from '../../emulator/state';
import { useEmulator } from './fixture';
import { errorValue, nodeIn, poolOf, postJson, V, waitFor, type BatchErrorBody } from './batchTestParts';

const TRANSITION_MS = 300;
const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk3c3VwZXJzZWNyZXRrZXlmb3J0ZXN0c29ubHk= ops@laptop';

describe('emulator: node actions', function () {
  this.timeout(20_000);
  const f = useEmulator({ data: 'small', nodeTransitionMs: TRANSITION_MS });
  let prod: string;
  let research: string;
  before(() => {
    [prod, research] = ['contosoprod', 'fabrikamresearch'].map(f.url);
  });

  const pool = (account: string, id: string): PoolRecord => poolOf(f.emulator, account, id);
  const post = (url: string, body?: unknown) => postJson(f, url, body);
  const nodeUrl = (base: string, poolId: string, node: NodeRecord, action: string) => `${base}/pools/${poolId}/nodes/${node.id}/${action}?${V}`;

  it('reboots an idle node: 202, rebooting -> starting -> idle, and refuses a second reboot meanwhile (409 NodeBeingRebooted)', async () => {
    const linux = pool('contosoprod', 'linux-small');
    const node = nodeIn(linux, 'idle');
    const res = await post(nodeUrl(prod, 'linux-small', node, 'reboot'), { nodeRebootOption: 'terminate' });
    assert.equal(res.status, 202, res.text);
    assert.equal(res.headers['dataserviceid'], `${prod}/pools/linux-small/nodes/${node.id}/reboot`);
    assert.equal(node.state, 'rebooting');
    const again = await post(nodeUrl(prod, 'linux-small', node, 'reboot'));
    assert.equal(again.status, 409);
    assert.equal((again.json as BatchErrorBody).code, 'NodeBeingRebooted');
    await waitFor(() => node.state, (s) => s === 'idle');
    assert.deepEqual(node.lastAction!.transitions.map((t) => t.state), ['rebooting', 'starting', 'idle']);
    assert.equal(node.lastAction!.option, 'terminate');
    assert.ok(node.lastAction!.finishedAt);
    assert.ok(f.emulator.info.conformance, 'request bodies are checked against the specs');
    assert.deepEqual(f.emulator.conformanceViolations(), []);
  });

  it('reboot reruns the start task of a start-task-failed node: the transient apt lock clears, the pinned pip wheel fails again', async () => {
    const linux = pool('contosoprod', 'linux-small');
    const failed = nodeIn(linux, 'starttaskfailed');
    assert.equal((await post(nodeUrl(prod, 'linux-small', failed, 'reboot'))).status, 202);
    await waitFor(() => failed.state, (s) => s === 'idle');
    assert.equal(failed.state, 'idle');
    assert.equal(failed.startTaskExitCode, 0);
    assert.equal(failed.errors, undefined);

    const ml = pool('fabrikamresearch', 'ml-train');
    const mlFailed = nodeIn(ml, 'starttaskfailed');
    assert.equal((await post(nodeUrl(research, 'ml-train', mlFailed, 'reboot'))).status, 202);
    await waitFor(() => mlFailed.lastAction?.finishedAt, (done) => done !== undefined);
    assert.equal(mlFailed.state, 'starttaskfailed');
    assert.deepEqual(mlFailed.lastAction!.transitions.map((t) => t.state), ['rebooting', 'starting', 'starttaskfailed']);
  });

  it('refuses to reboot unusable (NodeStateUnusable) and offline (OperationNotValidOnNode) nodes, and an unknown option (400)', async () => {
    const ml = pool('fabrikamresearch', 'ml-train');
    const unusable = await post(nodeUrl(research, 'ml-train', nodeIn(ml, 'unusable'), 'reboot'));
    assert.equal(unusable.status, 409);
    assert.equal((unusable.json as BatchErrorBody).code, 'NodeStateUnusable');
    assert.equal(errorValue(unusable.json, 'NodeState'), 'unusable');
    const offline = await post(nodeUrl(research, 'ml-train', nodeIn(ml, 'offline'), 'reboot'));
    assert.equal(offline.status, 409);
    assert.equal((offline.json as BatchErrorBody).code, 'OperationNotValidOnNode');
    assert.match(errorValue(offline.json, 'Reason')!, /idle, running or starttaskfailed/);
    const bad = await post(nodeUrl(research, 'ml-train', nodeIn(ml, 'idle'), 'reboot'), { nodeRebootOption: 'soon' });
    assert.equal(bad.status, 400);
    assert.equal(nodeIn(ml, 'idle').state, 'idle');
  });

  it('lets running tasks finish before a taskcompletion reboot, with scheduling disabled meanwhile; requeue requeues them', async () => {
    const ml = pool('fabrikamresearch', 'ml-train');
    const [a, b] = ml.nodes.filter((n) => n.state === 'running');
    const tasksA = a!.runningTaskIds!.slice();
    const tasksB = b!.runningTaskIds!.slice();
    assert.equal((await post(nodeUrl(research, 'ml-train', a!, 'reboot'), { nodeRebootOption: 'taskcompletion' })).status, 202);
    assert.equal(a!.state, 'running');
    assert.equal(a!.schedulingState, 'disabled');
    const busy = await post(nodeUrl(research, 'ml-train', a!, 'disablescheduling'));
    assert.equal(busy.status, 409, 'an action still in progress refuses the next one');
    assert.equal((busy.json as BatchErrorBody).code, 'NodeBeingRebooted');
    assert.equal((await post(nodeUrl(research, 'ml-train', b!, 'reboot'), { nodeRebootOption: 'requeue' })).status, 202);
    assert.deepEqual(b!.lastAction!.requeuedTaskIds, tasksB);
    assert.equal(b!.state, 'rebooting');
    await waitFor(() => a!.lastAction!.finishedAt, (done) => done !== undefined);
    assert.deepEqual(a!.lastAction!.completedTaskIds, tasksA);
    assert.deepEqual(a!.lastAction!.transitions.map((t) => t.state), ['rebooting', 'starting', 'starttaskfailed'], 'ml-train: the pinned wheel fails again');
    assert.equal(a!.schedulingState, 'enabled');
  });

  it('disables scheduling (idle -> offline), refuses it twice (409 NodeAlreadyInTargetSchedulingState), enables it again', async () => {
    const linux = pool('contosoprod', 'linux-small');
    const node = nodeIn(linux, 'idle');
    const disable = await post(nodeUrl(prod, 'linux-small', node, 'disablescheduling'), { nodeDisableSchedulingOption: 'taskcompletion' });
    assert.equal(disable.status, 200, disable.text);
    assert.equal(node.schedulingState, 'disabled');
    assert.equal(node.state, 'offline');
    const twice = await post(nodeUrl(prod, 'linux-small', node, 'disablescheduling'));
    assert.equal(twice.status, 409);
    assert.equal((twice.json as BatchErrorBody).code, 'NodeAlreadyInTargetSchedulingState');
    const retained = await post(nodeUrl(prod, 'linux-small', nodeIn(linux, 'running'), 'disablescheduling'), { nodeDisableSchedulingOption: 'retaineddata' });
    assert.equal(retained.status, 400, 'retaineddata is not a disable-scheduling option');
    const enable = await post(nodeUrl(prod, 'linux-small', node, 'enablescheduling'));
    assert.equal(enable.status, 200);
    assert.equal(node.state, 'idle');
    assert.equal(node.schedulingState, 'enabled');
    assert.equal((await post(nodeUrl(prod, 'linux-small', node, 'enablescheduling'))).status, 409);

    const running = nodeIn(linux, 'running');
    assert.equal((await post(nodeUrl(prod, 'linux-small', running, 'disablescheduling'), { nodeDisableSchedulingOption: 'requeue' })).status, 200);
    assert.equal(running.state, 'offline');
    assert.ok(running.lastAction!.requeuedTaskIds.length > 0);
  });

  it('deallocates an idle node and starts it again; start needs a deallocated node', async () => {
    const linux = pool('contosoprod', 'linux-small');
    const node = nodeIn(linux, 'idle');
    const early = await post(nodeUrl(prod, 'linux-small', node, 'start'));
    assert.equal(early.status, 409);
    assert.match(errorValue(early.json, 'Reason')!, /deallocated/);
    assert.equal((await post(nodeUrl(prod, 'linux-small', node, 'deallocate'), { nodeDeallocateOption: 'requeue' })).status, 202);
    assert.equal(node.state, 'deallocating');
    await waitFor(() => node.state, (s) => s === 'deallocated');
    assert.equal((await post(nodeUrl(prod, 'linux-small', node, 'deallocate'))).status, 409);
    assert.equal((await post(nodeUrl(prod, 'linux-small', node, 'start'))).status, 202);
    assert.equal(node.state, 'starting');
    await waitFor(() => node.state, (s) => s === 'idle');
    assert.equal(node.state, 'idle');
  });

  it('creates node users (201), refuses a duplicate (409 NodeUserExists) and never keeps the password', async () => {
    const linux = pool('contosoprod', 'linux-small');
    const node = nodeIn(linux, 'starttaskfailed');
    const users = nodeUrl(prod, 'linux-small', node, 'users');
    const created = await post(users, { name: 'ops', isAdmin: true, sshPublicKey: SSH_KEY });
    assert.equal(created.status, 201, created.text);
    const user = node.users!.get('ops')!;
    assert.equal(user.isAdmin, true);
    assert.equal(user.hasPassword, false);
    const expiresIn = Date.parse(user.expiryTime) - Date.now();
    assert.ok(expiresIn > 23 * 3600_000 && expiresIn <= 24 * 3600_000, 'default expiry is one day');
    const duplicate = await post(users, { name: 'OPS', password: 'Secret-1234' });
    assert.equal(duplicate.status, 409);
    assert.equal((duplicate.json as BatchErrorBody).code, 'NodeUserExists');
    assert.ok(!JSON.stringify([...node.users!.values()]).includes('Secret-1234'));
    const badKey = await post(users, { name: 'dev', sshPublicKey: 'not a key' });
    assert.equal(badKey.status, 400);
    assert.equal(errorValue(badKey.json, 'PropertyName'), 'sshPublicKey');
    const past = await post(users, { name: 'dev', password: 'x', expiryTime: '2020-01-01T00:00:00Z' });
    assert.equal(past.status, 400);

    const legacy = pool('fabrikamresearch', 'legacy-cs');
    const windows = nodeUrl(research, 'legacy-cs', nodeIn(legacy, 'idle'), 'users');
    const sshOnWindows = await post(windows, { name: 'ops', password: 'Pa55-word!', sshPublicKey: SSH_KEY });
    assert.equal(sshOnWindows.status, 400);
    const noPassword = await post(windows, { name: 'ops' });
    assert.equal(noPassword.status, 400);
    assert.equal((noPassword.json as BatchErrorBody).code, 'MissingRequiredProperty');
    assert.equal((await post(windows, { name: 'ops', password: 'Pa55-word!' })).status, 201);
    assert.equal((await post(windows, { name: 'Render Admin', password: 'Pa55-word!' })).status, 201, 'Windows names may hold spaces');
    const badLinuxName = await post(users, { name: 'render admin', sshPublicKey: SSH_KEY });
    assert.equal(badLinuxName.status, 400);
    assert.equal(errorValue(badLinuxName.json, 'PropertyName'), 'name');

    const rebooting = nodeIn(linux, 'idle');
    await post(nodeUrl(prod, 'linux-small', rebooting, 'reboot'));
    const busy = await post(nodeUrl(prod, 'linux-small', rebooting, 'users'), { name: 'ops', sshPublicKey: SSH_KEY });
    assert.equal(busy.status, 409);
    assert.equal((busy.json as BatchErrorBody).code, 'NodeBeingRebooted');
  });

  it('answers remote login settings exactly as BatchNodeRemoteLoginSettings (IP and NAT port)', async () => {
    const linux = pool('contosoprod', 'linux-small');
    const [first, second] = linux.nodes;
    const a = await f.http.send('GET', nodeUrl(prod, 'linux-small', first!, 'remoteloginsettings'), { headers: f.auth });
    const b = await f.http.send('GET', nodeUrl(prod, 'linux-small', second!, 'remoteloginsettings'), { headers: f.auth });
    assert.equal(a.status, 200, a.text);
    const settings = a.json as { remoteLoginIPAddress: string; remoteLoginPort: number };
    assert.deepEqual(Object.keys(settings).sort(), ['remoteLoginIPAddress', 'remoteLoginPort']);
    assert.match(settings.remoteLoginIPAddress, /^\d+\.\d+\.\d+\.\d+$/);
    assert.equal(settings.remoteLoginPort, 50000 + first!.index);
    assert.equal((b.json as typeof settings).remoteLoginIPAddress, settings.remoteLoginIPAddress, 'one public address per pool');
    assert.notEqual((b.json as typeof settings).remoteLoginPort, settings.remoteLoginPort);
  });

  it('uploads service logs to an https container with a write SAS and never echoes the SAS in a refusal', async () => {
    const linux = pool('contosoprod', 'linux-small');
    const node = nodeIn(linux, 'idle');
    const upload = nodeUrl(prod, 'linux-small', node, 'uploadbatchservicelogs');
    const sas = 'sv=2022-11-02&sp=rwc&se=2099-01-01T00:00:00Z&sr=c&sig=c2VjcmV0LXNpZ25hdHVyZQ%3D%3D';
    const start = new Date(Date.now() - 2 * 3600_000).toISOString();
    const ok = await post(upload, { containerUrl: `https://contosologs.blob.core.windows.net/batch-logs?${sas}`, startTime: start });
    assert.equal(ok.status, 200, ok.text);
    const result = ok.json as { virtualDirectoryName: string; numberOfFilesUploaded: number };
    assert.deepEqual(Object.keys(result).sort(), ['numberOfFilesUploaded', 'virtualDirectoryName']);
    assert.ok(result.virtualDirectoryName.startsWith(`linux-small/${node.id}/`));
    assert.equal(result.numberOfFilesUploaded, 4, 'two hourly agent logs plus the two provisioning logs');

    const refusals: [string, RegExp][] = [
      [`http://contosologs.blob.core.windows.net/batch-logs?${sas}`, /https/],
      ['https://contosologs.blob.core.windows.net/batch-logs', /shared access signature/],
      [`https://contosologs.blob.core.windows.net/batch-logs?${sas.replace('sp=rwc', 'sp=r')}`, /write permission/],
      [`https://contosologs.blob.core.windows.net/batch-logs?${sas.replace('2099', '2001')}`, /expired/],
    ];
    for (const [containerUrl, reason] of refusals) {
      const res = await post(upload, { containerUrl, startTime: start });
      assert.equal(res.status, 400, containerUrl);
      assert.match(errorValue(res.json, 'Reason')!, reason);
      assert.ok(!res.text.includes('c2VjcmV0'), 'the signature is not echoed');
    }
    const backwards = await post(upload, { containerUrl: `https://contosologs.blob.core.windows.net/batch-logs?${sas}`, startTime: start, endTime: new Date(Date.now() - 3 * 3600_000).toISOString() });
    assert.equal(backwards.status, 400);
    const missing = await post(upload, { startTime: start });
    assert.equal(missing.status, 400);
    assert.equal((missing.json as BatchErrorBody).code, 'MissingRequiredProperty');
  });
});
