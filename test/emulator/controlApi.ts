/** Server side of the control API under /_emulator/ (no auth; loopback only). See CONTROL_ROUTES in api.ts. */
import type { FaultSpec } from './api';
import type { Ctx, Reply } from './http';
import { emptyReply, jsonReply } from './http';
import type { NodeError } from './state';

/** What the control API drives (implemented by the emulator server). */
export interface ControlTarget {
  infoJson(): unknown;
  addFault(f: FaultSpec): void;
  clearFaults(): void;
  faults(): FaultSpec[];
  requests(filter?: { path?: RegExp; method?: string }): unknown[];
  clearRequests(): void;
  setNodeState(account: string, poolId: string, nodeId: string, state: string, errors?: NodeError[]): unknown;
  touchPool(account: string, poolId: string, patch?: Record<string, unknown>): unknown;
  failNextImagePut(code: string, message: string): void;
  offlineFor(ms: number): void;
  conformanceViolations(): unknown[];
  reset(): void;
  addSubscriptions(count: number): unknown;
  getNode(account: string, poolId: string, nodeId: string): unknown;
  getPool(account: string, poolId: string): unknown;
  getImage(subscriptionId: string, resourceGroup: string, gallery: string, name: string): unknown;
}

function bad(message: string, status = 400): Reply {
  return jsonReply(status, { error: message });
}

function body(ctx: Ctx): Record<string, unknown> {
  if (ctx.body.trim() === '') { return {}; }
  const parsed: unknown = JSON.parse(ctx.body);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) { throw new Error('the body must be a JSON object'); }
  return parsed as Record<string, unknown>;
}

function str(b: Record<string, unknown>, name: string): string {
  const v = b[name];
  if (typeof v !== 'string' || v === '') { throw new Error(`'${name}' (string) is required`); }
  return v;
}

function found(value: unknown, what: string): Reply {
  return value === undefined ? bad(`${what} not found`, 404) : jsonReply(200, value);
}

export function handleControl(ctx: Ctx, target: ControlTarget): Reply {
  const route = `${ctx.method} ${ctx.path.replace(/\/+$/, '')}`;
  const q = ctx.query;
  try {
    switch (route) {
      case 'GET /_emulator/info':
        return jsonReply(200, target.infoJson());
      case 'GET /_emulator/faults':
        return jsonReply(200, target.faults());
      case 'POST /_emulator/faults':
        target.addFault(body(ctx) as unknown as FaultSpec);
        return jsonReply(201, target.faults());
      case 'DELETE /_emulator/faults':
        target.clearFaults();
        return emptyReply(204);
      case 'GET /_emulator/requests':
        return jsonReply(200, target.requests({ ...(q['path'] ? { path: new RegExp(q['path']) } : {}), ...(q['method'] ? { method: q['method'] } : {}) }));
      case 'DELETE /_emulator/requests':
        target.clearRequests();
        return emptyReply(204);
      case 'POST /_emulator/nodes': {
        const b = body(ctx);
        return jsonReply(200, target.setNodeState(str(b, 'account'), str(b, 'poolId'), str(b, 'nodeId'), str(b, 'state'), b['errors'] as NodeError[] | undefined));
      }
      case 'POST /_emulator/pools/touch': {
        const b = body(ctx);
        const { account: _a, poolId: _p, ...patch } = b;
        return jsonReply(200, target.touchPool(str(b, 'account'), str(b, 'poolId'), patch));
      }
      case 'POST /_emulator/images/fail-next': {
        const b = body(ctx);
        target.failNextImagePut(str(b, 'code'), str(b, 'message'));
        return emptyReply(204);
      }
      case 'POST /_emulator/offline': {
        const ms = body(ctx)['ms'];
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > 600_000) { return bad("'ms' (number of milliseconds, 0..600000) is required"); }
        target.offlineFor(ms);
        return emptyReply(202);
      }
      case 'GET /_emulator/conformance':
        return jsonReply(200, target.conformanceViolations());
      case 'POST /_emulator/subscriptions': {
        const count = body(ctx)['count'];
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 500) { throw new Error("'count' must be an integer from 1 to 500"); }
        return jsonReply(200, target.addSubscriptions(count));
      }
      case 'POST /_emulator/reset':
        target.reset();
        return emptyReply(204);
      case 'GET /_emulator/state/node':
        return found(target.getNode(q['account'] ?? '', q['poolId'] ?? '', q['nodeId'] ?? ''), 'node');
      case 'GET /_emulator/state/pool':
        return found(target.getPool(q['account'] ?? '', q['poolId'] ?? ''), 'pool');
      case 'GET /_emulator/state/image':
        return found(target.getImage(q['subscriptionId'] ?? '', q['resourceGroup'] ?? '', q['gallery'] ?? '', q['name'] ?? ''), 'image');
      default:
        return bad(`unknown control route ${route}`, 404);
    }
  } catch (e) {
    const message = (e as Error).message;
    return bad(message, /not found/i.test(message) ? 404 : 400);
  }
}
