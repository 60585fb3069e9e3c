/**
 * The local Azure emulator: one HTTPS server on 127.0.0.1 serving ARM, a token service, the Batch accounts
 * (/batch/{account}), the control API (/_emulator/) and a stand-in page for the Azure portal (/portal, portalPage.ts).
 * Contract: ./api.ts.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ConformanceViolation, EmulatorInfo, EmulatorOptions, FaultSpec, RecordedRequest } from './api';
import { armFaultError } from './arm/errors';
import { imageJson, findGallery } from './arm/galleries';
import { handleArm } from './arm/router';
import { addEmptySubscriptions } from './arm/subscriptions';
import { accountEndpoint } from './arm/batchAccounts';
import { batchFaultError } from './batch/errors';
import { forceNodeState, isNodeState } from './batch/nodeLifecycle';
import { handleBatch } from './batch/router';
import { nodeJson, poolJson } from './batch/serialize';
import { Conformance } from './conformance';
import { handleControl, type ControlTarget } from './controlApi';
import { buildDataSet } from './data/demo';
import { accountUrl, Scheduler, type Env, type ResolvedOptions } from './env';
import { FaultRegistry, foreignLinks, malformJson, retryHeaders, withoutEtag, writeReply } from './faults';
import type { Ctx, Reply, Surface } from './http';
import { flattenHeaders, httpDate, isTrue, jsonReply, newRequestId, parseQuery, sleep } from './http';
import { defaultCertDir, defaultSpecsDir } from './paths';
import { OfflineSwitch } from './offline';
import { isPortalPath, portalPage } from './portalPage';
import { RandomFaults, type RandomFaultStats, type RandomFaultsSpec } from './randomFaults';
import { RequestRecorder, type RequestFilter } from './recorder';
import type { EmulatorState, NodeError, ReimageRecord } from './state';
import { touch } from './state';
import { ensureCertificate } from './tls';
import { BATCH_RESOURCE_ID, TEST_IDENTITY, TokenService } from './tokens';

export interface NodeView {
  /** The node as GET .../nodes/{id} shows it. */
  json: Record<string, unknown>;
  state: string;
  reimages: ReimageRecord[];
}

export interface Emulator {
  info: EmulatorInfo;
  /** The live in-memory model (read it for assertions; prefer the methods below to change it). */
  readonly state: EmulatorState;
  addFault(f: FaultSpec): void;
  clearFaults(): void;
  faults(): FaultSpec[];
  /** Added: fail a share of requests at random (seeded); undefined stops it. reset() stops it too. */
  setRandomFaults(spec: RandomFaultsSpec | undefined): void;
  /** Added: what the random faults did since setRandomFaults (undefined when off). */
  randomFaultStats(): RandomFaultStats | undefined;
  requests(filter?: RequestFilter): RecordedRequest[];
  clearRequests(): void;
  setNodeState(account: string, poolId: string, nodeId: string, state: string, errors?: NodeError[]): Record<string, unknown>;
  touchPool(account: string, poolId: string, patch?: Record<string, unknown>): { eTag: string; lastModified: string };
  failNextImagePut(code: string, message: string): void;
  /** Closes the listener and every connection: new connections are refused (ECONNREFUSED) until goOnline(). */
  goOffline(): Promise<void>;
  /** Listens again on the same port. */
  goOnline(): Promise<void>;
  conformanceViolations(): ConformanceViolation[];
  reset(): void;
  /** Adds `count` empty subscriptions (no resource groups) until the next reset; returns all subscriptions. */
  addSubscriptions(count: number): { subscriptionId: string; displayName: string }[];
  stop(): Promise<void>;
  getNode(account: string, poolId: string, nodeId: string): NodeView | undefined;
  getPool(account: string, poolId: string): Record<string, unknown> | undefined;
  getImage(subscriptionId: string, resourceGroup: string, gallery: string, name: string): Record<string, unknown> | undefined;
  /** Issues a token like the token service does (e.g. expired or for another audience, for negative tests). */
  issueToken(aud: string, options?: { lifetimeSeconds?: number; issuedAt?: number }): string;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;

class EmulatorServer implements Emulator, ControlTarget {
  info!: EmulatorInfo;
  private env!: Env;
  private readonly faultRegistry = new FaultRegistry();
  private readonly recorder = new RequestRecorder();
  private readonly sockets = new Set<Socket>();
  private readonly offline: OfflineSwitch;
  private readonly tokens: TokenService;
  private randomFaults: RandomFaults | undefined;

  constructor(
    private readonly server: Server,
    private readonly options: ResolvedOptions,
    private readonly conformance: Conformance,
    private readonly log: (line: string) => void,
  ) {
    this.tokens = new TokenService(() => this.env.baseUrl, options.clock, options.tokenClockSkewSeconds);
    this.offline = new OfflineSwitch(server, this.sockets, () => Number(new URL(this.info.baseUrl).port), log);
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch((e: unknown) => {
        this.log(`emulator: unhandled error: ${(e as Error).stack ?? String(e)}`);
        if (!res.headersSent) { res.writeHead(500).end(); }
        else { res.destroy(); }
      });
    });
  }

  get state(): EmulatorState {
    return this.env.state;
  }

  init(port: number, certificatePath: string): void {
    const baseUrl = `https://127.0.0.1:${port}/`;
    const state = buildDataSet(this.options.data);
    this.env = { state, baseUrl, options: this.options, tokens: this.tokens, conformance: this.conformance, scheduler: new Scheduler(), log: this.log };
    this.info = {
      baseUrl,
      armEndpoint: baseUrl,
      authorityHost: baseUrl,
      tenantId: TEST_IDENTITY.tenantId,
      clientId: TEST_IDENTITY.clientId,
      clientSecret: TEST_IDENTITY.clientSecret,
      batchResourceId: BATCH_RESOURCE_ID,
      certificatePath,
      batchAccounts: [...state.accounts.values()].map((a) => ({
        name: a.name,
        subscriptionId: a.subscriptionId,
        resourceGroup: a.resourceGroup,
        url: accountUrl(this.env, a.name),
        accountEndpoint: accountEndpoint(this.env, a),
        primaryKey: a.primaryKey,
        secondaryKey: a.secondaryKey,
      })),
      conformance: this.conformance.enabled,
      subscriptions: state.subscriptions.map((s) => ({ subscriptionId: s.subscriptionId, displayName: s.displayName })),
      data: this.options.data,
      specsDir: this.conformance.enabled ? this.conformance.specsDir : null,
      ...(this.conformance.reason ? { conformanceReason: this.conformance.reason } : {}),
    };
  }

  // ---- request pipeline ---------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413).end();
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    if (isPortalPath(path)) { // the portal stand-in: no Azure API, so neither recorded, faulted nor checked
      await writeReply(res, portalPage({ method: (req.method ?? 'GET').toUpperCase(), path }));
      return;
    }
    const surface: Surface = path === '/_emulator' || path.startsWith('/_emulator/') ? 'control' : path.startsWith('/batch/') ? 'batch' : TokenService.matches(path) ? 'token' : 'arm';
    const ctx: Ctx = {
      req,
      method: (req.method ?? 'GET').toUpperCase(),
      path,
      rawQuery,
      ...parseQuery(rawQuery),
      headers: flattenHeaders(req),
      body: Buffer.concat(chunks).toString('utf8'),
      requestId: newRequestId(),
      now: Date.now(),
      baseUrl: this.env.baseUrl,
      surface,
    };
    if (surface === 'control') {
      await writeReply(res, this.withCommonHeaders(ctx, handleControl(ctx, this)));
      return;
    }

    const seq = this.recorder.nextSeq();
    const matched = this.faultRegistry.match(ctx.method, path, ctx.query);
    const random = !matched.fault && surface !== 'token' ? this.randomFaults?.draw() : undefined;
    if (random) {
      matched.fault = random;
      matched.kinds.push(random.kind);
    }
    const delay = this.options.latencyMs + matched.delayMs;
    if (delay > 0) { await sleep(delay); }
    const fault = matched.fault;
    const record = (status: number, responseBytes: number) =>
      this.recorder.add({
        seq,
        time: ctx.now,
        method: ctx.method,
        path,
        query: ctx.query,
        headers: ctx.headers,
        body: ctx.body,
        status,
        responseBytes,
        ...(matched.kinds.length > 0 ? { fault: fault?.kind ?? 'latency' } : {}),
      });

    if (fault?.kind === 'reset') {
      req.socket.destroy();
      record(0, 0);
      return;
    }
    let reply: Reply;
    if (fault?.kind === 'status') {
      reply = this.faultReply(ctx, fault);
    } else {
      try {
        reply = this.dispatch(ctx);
      } catch (e) {
        this.log(`emulator: ${ctx.method} ${path} failed: ${(e as Error).stack ?? String(e)}`);
        reply = this.faultReply(ctx, { kind: 'status', status: 500 });
      }
    }
    this.checkResponse(ctx, reply);
    if (fault?.kind === 'resetAfterProcessing') {
      req.socket.destroy();
      record(0, 0);
      return;
    }
    if (fault?.kind === 'malformedJson') { reply = malformJson(reply); }
    if (fault?.kind === 'foreignLink') { reply = foreignLinks(reply, fault); }
    if (fault?.kind === 'noEtag') { reply = withoutEtag(reply); }
    reply = this.withCommonHeaders(ctx, reply);
    const bytes = await writeReply(res, reply, fault);
    record(reply.status, bytes);
  }

  private dispatch(ctx: Ctx): Reply {
    if (ctx.surface === 'batch') { return handleBatch(ctx, this.env); }
    if (ctx.surface === 'token') { return this.tokens.handle(ctx); }
    return handleArm(ctx, this.env);
  }

  /** Records a response the spec does not define (before any fault breaks the body on purpose). */
  private checkResponse(ctx: Ctx, reply: Reply): void {
    if (ctx.surface !== 'batch' && ctx.surface !== 'arm') { return; }
    // Node file contents (bytes) and HEAD answers have no JSON body to check.
    if (typeof reply.body !== 'string' && reply.body !== undefined) { return; }
    this.conformance.checkResponse({
      surface: ctx.surface,
      method: ctx.method,
      path: ctx.surface === 'batch' ? `/${ctx.path.split('/').slice(3).join('/')}` : ctx.path,
      fullPath: ctx.path,
      apiVersion: ctx.query['api-version'] ?? '',
      body: ctx.body,
      status: reply.status,
      responseBody: reply.body ?? '',
    });
  }

  private faultReply(ctx: Ctx, fault: FaultSpec): Reply {
    const status = fault.status ?? 500;
    const headers = retryHeaders(fault);
    if (ctx.surface === 'batch') {
      const account = ctx.path.split('/')[2] ?? '';
      return batchFaultError(ctx, accountUrl(this.env, account), status, headers);
    }
    if (ctx.surface === 'token') {
      return jsonReply(status, { error: 'temporarily_unavailable', error_description: `AADSTS90033: A transient error has occurred. Please try again.\r\nTrace ID: ${ctx.requestId}`, error_codes: [90033] }, headers);
    }
    return armFaultError(status, headers);
  }

  private withCommonHeaders(ctx: Ctx, reply: Reply): Reply {
    const headers: Record<string, string> = { date: httpDate(Date.now()), 'cache-control': 'no-cache', ...reply.headers };
    if (ctx.surface === 'batch') {
      headers['request-id'] = ctx.requestId;
    } else {
      headers['x-ms-request-id'] = ctx.requestId;
    }
    if (ctx.surface === 'arm') {
      headers['x-ms-correlation-request-id'] = ctx.headers['x-ms-correlation-request-id'] ?? ctx.requestId;
      if (ctx.headers['x-ms-client-request-id']) { headers['x-ms-client-request-id'] = ctx.headers['x-ms-client-request-id']; }
      headers[ctx.method === 'GET' ? 'x-ms-ratelimit-remaining-subscription-reads' : 'x-ms-ratelimit-remaining-subscription-writes'] = ctx.method === 'GET' ? '11999' : '1199';
    }
    const clientRequestId = ctx.headers['client-request-id'];
    if (clientRequestId !== undefined && (isTrue(ctx.headers['return-client-request-id']) || ctx.surface === 'token')) {
      headers['client-request-id'] = clientRequestId;
    }
    return { ...reply, headers };
  }

  // ---- in-process API ----------------------------------------------------------------------------------------

  infoJson(): EmulatorInfo {
    return this.info;
  }

  addFault(f: FaultSpec): void {
    this.faultRegistry.add(f);
  }

  clearFaults(): void {
    this.faultRegistry.clear();
  }

  faults(): FaultSpec[] {
    return this.faultRegistry.list();
  }

  requests(filter?: RequestFilter): RecordedRequest[] {
    return this.recorder.list(filter);
  }

  clearRequests(): void {
    this.recorder.clear();
  }

  private poolOf(account: string, poolId: string) {
    const a = this.env.state.accounts.get(account.toLowerCase());
    if (!a) { throw new Error(`account '${account}' not found`); }
    const pool = a.pools.get(poolId);
    if (!pool) { throw new Error(`pool '${poolId}' not found in account '${a.name}'`); }
    return { account: a, pool };
  }

  setNodeState(account: string, poolId: string, nodeId: string, state: string, errors?: NodeError[]): Record<string, unknown> {
    const { account: a, pool } = this.poolOf(account, poolId);
    const node = pool.nodeById.get(nodeId);
    if (!node) { throw new Error(`node '${nodeId}' not found in pool '${poolId}'`); }
    if (!isNodeState(state)) { throw new Error(`'${state}' is not a compute node state`); }
    forceNodeState(node, state, errors);
    return nodeJson(pool, node, accountUrl(this.env, a.name));
  }

  touchPool(account: string, poolId: string, patch: Record<string, unknown> = {}): { eTag: string; lastModified: string } {
    const { pool } = this.poolOf(account, poolId);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) { delete pool.spec[k]; }
      else { pool.spec[k] = structuredClone(v); }
    }
    touch(pool);
    return { eTag: pool.eTag, lastModified: httpDate(pool.lastModified) };
  }

  failNextImagePut(code: string, message: string): void {
    this.env.failNextImagePut = { code, message };
  }

  conformanceViolations(): ConformanceViolation[] {
    return this.conformance.violations();
  }

  goOffline(): Promise<void> {
    return this.offline.goOffline();
  }

  goOnline(): Promise<void> {
    return this.offline.goOnline();
  }

  offlineFor(ms: number): void {
    this.offline.offlineFor(ms);
  }

  reset(): void {
    this.env.scheduler.clear();
    this.env.state = buildDataSet(this.options.data);
    this.env.failNextImagePut = undefined;
    this.faultRegistry.clear();
    this.randomFaults = undefined;
    this.recorder.clear();
    this.conformance.clear();
  }

  setRandomFaults(spec: RandomFaultsSpec | undefined): void {
    this.randomFaults = spec ? new RandomFaults(spec) : undefined;
  }

  randomFaultStats(): RandomFaultStats | undefined {
    return this.randomFaults?.snapshot();
  }

  addSubscriptions(count: number): { subscriptionId: string; displayName: string }[] {
    return addEmptySubscriptions(this.env.state, count);
  }

  getNode(account: string, poolId: string, nodeId: string): NodeView | undefined {
    const a = this.env.state.accounts.get(account.toLowerCase());
    const pool = a?.pools.get(poolId);
    const node = pool?.nodeById.get(nodeId);
    if (!a || !pool || !node) { return undefined; }
    return { json: nodeJson(pool, node, accountUrl(this.env, a.name)), state: node.state, reimages: structuredClone(node.reimages ?? []) };
  }

  getPool(account: string, poolId: string): Record<string, unknown> | undefined {
    const a = this.env.state.accounts.get(account.toLowerCase());
    const pool = a?.pools.get(poolId);
    return a && pool ? poolJson(pool, accountUrl(this.env, a.name)) : undefined;
  }

  getImage(subscriptionId: string, resourceGroup: string, gallery: string, name: string): Record<string, unknown> | undefined {
    const g = findGallery(this.env, subscriptionId, resourceGroup, gallery);
    const image = g?.images.get(name.toLowerCase());
    return g && image ? imageJson(g, image) : undefined;
  }

  issueToken(aud: string, options?: { lifetimeSeconds?: number; issuedAt?: number }): string {
    return this.tokens.issue(aud, options);
  }

  async stop(): Promise<void> {
    this.env.scheduler.clear();
    this.offline.clearTimers();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) { socket.destroy(); }
    });
  }
}

/** Starts an emulator; resolves once it listens on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const log = options.log ?? (options.quiet ? () => {} : (line: string) => process.stderr.write(`${line}\n`));
  const resolved: ResolvedOptions = {
    data: options.data ?? 'demo',
    lroDelayMs: options.lroDelayMs ?? 300,
    nodeTransitionMs: options.nodeTransitionMs ?? 500,
    armPageSize: options.armPageSize ?? 2,
    latencyMs: options.latencyMs ?? 0,
    clock: options.clock ?? Date.now,
    tokenClockSkewSeconds: options.tokenClockSkewSeconds ?? 300,
  };
  const tls = await ensureCertificate(options.certDir ?? defaultCertDir());
  const specsDir = options.specsDir === undefined ? defaultSpecsDir() : options.specsDir;
  const conformance = new Conformance(specsDir, log);
  const server = createServer({ cert: tls.cert, key: tls.key, keepAliveTimeout: 5_000 });
  const emulator = new EmulatorServer(server, resolved, conformance, log);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  emulator.init((server.address() as AddressInfo).port, tls.certificatePath);
  if (!options.quiet) {
    for (const line of startupLines(emulator.info)) { process.stdout.write(`${line}\n`); }
  }
  return emulator;
}

/** The start-up banner (also what the CLI prints). */
export function startupLines(info: EmulatorInfo): string[] {
  return [
    `ARM endpoint ${info.armEndpoint}`,
    ...info.batchAccounts.map((a) => `batch account ${a.name} ${a.url} key=${a.primaryKey}`),
    `token endpoint ${info.authorityHost}${info.tenantId}/oauth2/v2.0/token`,
    `authority host ${info.authorityHost}`,
    `tenant ${info.tenantId}`,
    `client id ${info.clientId}`,
    `client secret ${info.clientSecret}`,
    `certificate ${info.certificatePath}`,
    info.conformance ? `conformance on (${info.specsDir})` : `conformance off: ${info.conformanceReason ?? 'unknown reason'}`,
  ];
}
