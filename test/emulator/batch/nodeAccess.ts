/**
 * Getting onto a node and getting logs off it:
 *   POST .../nodes/{nodeId}/users                  create a user (201; 409 NodeUserExists on a duplicate name)
 *   GET  .../nodes/{nodeId}/remoteloginsettings    public IP and NAT port (BatchNodeRemoteLoginSettings)
 *   POST .../nodes/{nodeId}/uploadbatchservicelogs container URL with a write SAS (UploadBatchServiceLogsResult)
 * The REST reference allows users on idle or running nodes; the emulator also allows them on offline and
 * start-task-failed nodes, where people log in to find out what went wrong. Passwords are never stored; SAS values
 * never appear in error messages.
 */
import { randomUUID } from 'node:crypto';
import type { Ctx, Reply } from '../http';
import { emptyReply, isoTime, jsonReply } from '../http';
import type { BatchAccountRecord, NodeRecord, NodeState, PoolRecord } from '../state';
import { FILE_READABLE_STATES, isWindowsPool } from '../data/nodeFileTree';
import { BATCH_JSON, batchError, propertyError } from './errors';
import { isReply } from './listing';
import { findNode, readJsonObject, stateRefusal } from './requestParts';

const USER_STATES: NodeState[] = ['idle', 'running', 'offline', 'starttaskfailed'];
const LOGIN_STATES: NodeState[] = [
  'idle', 'running', 'offline', 'starttaskfailed', 'waitingforstarttask', 'unusable', 'rebooting', 'reimaging', 'starting', 'upgradingos', 'leavingpool',
];
const SSH_KEY = /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$/;
const DAY_MS = 86_400_000;

/** The pool's public load-balancer address (remote login goes through inbound NAT) and the node's port on it. */
export function remoteLoginEndpoint(pool: PoolRecord, node: NodeRecord): { ip: string; port: number } {
  const block = Number(pool.ipPrefix.split('.')[1] ?? 1);
  return { ip: `20.105.${block}.${10 + (block % 200)}`, port: 50000 + node.index };
}

export function createNodeUser(ctx: Ctx, account: BatchAccountRecord, url: string, poolId: string, nodeId: string): Reply {
  const found = findNode(ctx, account, url, poolId, nodeId);
  if (isReply(found)) { return found; }
  const { pool, node } = found;
  const body = readJsonObject(ctx, url, true);
  if (isReply(body)) { return body; }
  const name = body['name'];
  if (typeof name !== 'string' || name.trim() === '') {
    return propertyError(ctx, url, 'name', 'The user name is required.', 'MissingRequiredProperty');
  }
  const windows = isWindowsPool(pool);
  if (!windows && !/^[a-z_][a-z0-9_-]{0,31}$/i.test(name)) {
    return propertyError(ctx, url, 'name', 'A Linux user name has 1 to 32 letters, digits, "_" or "-", and starts with a letter or "_".');
  }
  if (windows && (!/^[^"/\\[\]:;|=,+*?<>@\s][^"/\\[\]:;|=,+*?<>@]{0,19}$/.test(name) || name.endsWith('.'))) {
    return propertyError(ctx, url, 'name', 'A Windows user name has up to 20 characters, none of " / \\ [ ] : ; | = , + * ? < > @, and does not start with a space.');
  }
  const password = body['password'];
  const sshPublicKey = body['sshPublicKey'];
  if (windows && sshPublicKey !== undefined && sshPublicKey !== null) {
    return propertyError(ctx, url, 'sshPublicKey', 'An SSH public key can be specified only for Linux compute nodes.');
  }
  if (windows && (typeof password !== 'string' || password === '')) {
    return propertyError(ctx, url, 'password', 'The password is required for Windows compute nodes.', 'MissingRequiredProperty');
  }
  if (typeof sshPublicKey === 'string' && !SSH_KEY.test(sshPublicKey.trim())) {
    return propertyError(ctx, url, 'sshPublicKey', 'The SSH public key must be in OpenSSH format ("ssh-ed25519 AAAA... comment").');
  }
  let expiry = ctx.now + DAY_MS;
  if (body['expiryTime'] !== undefined && body['expiryTime'] !== null) {
    expiry = Date.parse(String(body['expiryTime']));
    if (Number.isNaN(expiry)) { return propertyError(ctx, url, 'expiryTime', 'The expiry time is not a valid date-time.'); }
    if (expiry <= ctx.now) { return propertyError(ctx, url, 'expiryTime', 'The expiry time must be in the future.'); }
  }
  const refused = stateRefusal(ctx, url, node, USER_STATES, 'given a user account', { ignorePending: true });
  if (refused) { return refused; }
  const users = (node.users ??= new Map());
  if ([...users.keys()].some((existing) => existing.toLowerCase() === name.toLowerCase())) {
    return batchError(ctx, url, 409, 'NodeUserExists', 'The specified node user already exists.', [{ key: 'UserName', value: name }]);
  }
  users.set(name, {
    name,
    isAdmin: body['isAdmin'] === true,
    expiryTime: isoTime(expiry),
    hasPassword: typeof password === 'string' && password !== '',
    ...(typeof sshPublicKey === 'string' ? { sshPublicKey: sshPublicKey.trim() } : {}),
    createdAt: isoTime(ctx.now),
  });
  return emptyReply(201, { dataserviceid: `${url}/pools/${pool.id}/nodes/${node.id}/users/${encodeURIComponent(name)}` });
}

export function getRemoteLoginSettings(ctx: Ctx, account: BatchAccountRecord, url: string, poolId: string, nodeId: string): Reply {
  const found = findNode(ctx, account, url, poolId, nodeId);
  if (isReply(found)) { return found; }
  const { pool, node } = found;
  const refused = stateRefusal(ctx, url, node, LOGIN_STATES, 'logged in to', { ignorePending: true });
  if (refused) { return refused; }
  const { ip, port } = remoteLoginEndpoint(pool, node);
  return jsonReply(200, { remoteLoginIPAddress: ip, remoteLoginPort: port }, {}, BATCH_JSON);
}

/** Why the container URL cannot take the upload, without repeating the URL (it carries a SAS). */
function containerUrlProblem(text: unknown, hasIdentity: boolean, now: number): string | undefined {
  if (typeof text !== 'string') { return 'The container URL is required.'; }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'The container URL is not a valid absolute URL.';
  }
  if (url.protocol !== 'https:') { return 'The container URL must use https.'; }
  if (url.pathname.replace(/\/+$/, '') === '') { return 'The container URL must name a container (https://account.blob.core.windows.net/container).'; }
  const sig = url.searchParams.get('sig');
  if (!sig) {
    return hasIdentity ? undefined : 'The container URL must include a shared access signature (SAS) with write permission, or identityReference must name an identity with write access to the container.';
  }
  const permissions = url.searchParams.get('sp');
  if (permissions !== null && !/[wc]/.test(permissions)) { return 'The shared access signature does not grant write permission (its sp field lacks w).'; }
  const expiry = url.searchParams.get('se');
  if (expiry !== null && !Number.isNaN(Date.parse(expiry)) && Date.parse(expiry) <= now) { return `The shared access signature expired at ${expiry}.`; }
  return undefined;
}

export function uploadBatchServiceLogs(ctx: Ctx, account: BatchAccountRecord, url: string, poolId: string, nodeId: string): Reply {
  const found = findNode(ctx, account, url, poolId, nodeId);
  if (isReply(found)) { return found; }
  const { pool, node } = found;
  const body = readJsonObject(ctx, url, true);
  if (isReply(body)) { return body; }
  const problem = containerUrlProblem(body['containerUrl'], body['identityReference'] !== undefined && body['identityReference'] !== null, ctx.now);
  if (problem) { return propertyError(ctx, url, 'containerUrl', problem, body['containerUrl'] === undefined ? 'MissingRequiredProperty' : 'InvalidPropertyValue'); }
  const start = Date.parse(String(body['startTime'] ?? ''));
  if (Number.isNaN(start)) { return propertyError(ctx, url, 'startTime', 'The start time is required and must be a date-time.', body['startTime'] === undefined ? 'MissingRequiredProperty' : 'InvalidPropertyValue'); }
  const end = body['endTime'] === undefined || body['endTime'] === null ? ctx.now : Date.parse(String(body['endTime']));
  if (Number.isNaN(end)) { return propertyError(ctx, url, 'endTime', 'The end time must be a date-time.'); }
  if (end <= start) { return propertyError(ctx, url, 'endTime', 'The end time must be later than the start time.'); }
  const allowed = [...FILE_READABLE_STATES] as NodeState[];
  const refused = stateRefusal(ctx, url, node, allowed, 'asked for its service logs', { ignorePending: true });
  if (refused) { return refused; }
  // The agent rotates its logs every hour: one file per started hour of the window (a minute of slack, so that
  // "the last 2 hours" counts 2), plus the two provisioning logs.
  const from = Math.max(start, node.allocationTime);
  const to = Math.min(end, ctx.now);
  const hours = to > from ? Math.max(1, Math.ceil((to - from - 60_000) / 3_600_000)) : 0;
  const files = hours > 0 ? Math.min(hours, 72) + 2 : 0;
  const result = { virtualDirectoryName: `${pool.id}/${node.id}/${randomUUID()}`, numberOfFilesUploaded: files };
  (node.serviceLogUploads ??= []).push({ ...result, requestedAt: isoTime(ctx.now) });
  return jsonReply(200, result, {}, BATCH_JSON);
}
