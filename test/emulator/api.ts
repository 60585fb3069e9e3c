/**
 * The contract of the local Azure emulator, shared by everything that starts or drives it:
 * unit tests (in-process), the integration/UI harness and the demo (over the HTTP control API).
 *
 * URL layout of one emulator process (HTTPS on loopback, self-signed certificate):
 *   ARM:            {armEndpoint}subscriptions/...                     (armEndpoint ends with "/")
 *   token service:  {authorityHost}{tenantId}/oauth2/v2.0/token      (client credentials; MSAL-compatible metadata)
 *   Batch account:  https://127.0.0.1:{port}/batch/{accountName}/pools/...   (ARM's accountEndpoint omits "https://")
 *   control API:    {baseUrl}_emulator/...                             (no auth; loopback only)
 *   portal page:    {baseUrl}portal/#@{tenant}/resource{armId}[/{blade}]   (a stand-in page for the Azure portal; not an API)
 */

/**
 * Injected faults, one kind per row of the fault matrix (test/faultMatrix/):
 *   429 with Retry-After / 500 / 503 / 401 / 403 / 404 / 409 / 412  -> 'status' (the service's error body for that status)
 *   connection reset before the answer      -> 'reset'
 *   reset after the request was sent        -> 'resetAfterProcessing'
 *   cut body                                -> 'cutBody'
 *   headers timeout                         -> 'latency' with delayMs above the client's headers timeout
 *   malformed 2xx JSON                      -> 'malformedJson'
 *   cross-origin next link / operation URL  -> 'foreignLink'
 *   offline (connection refused)            -> goOffline()/goOnline() (in-process) or POST _emulator/offline (no route: refused
 *                                              connections happen before any request is read)
 * A 401 for an expired token comes from the real token check: send a token from issueToken(aud, { lifetimeSeconds: -60 }).
 */
export type FaultKind =
  | 'latency' // delay the response by delayMs (the request is processed after the delay, as a slow service would)
  | 'status' // answer with `status` (429, 500, 503, ...) and the service's error body; Retry-After when retryAfterSeconds/retryAfterMs set
  | 'reset' // read the request, do not process it, destroy the socket before any response byte (nothing applied)
  | 'resetAfterProcessing' // process the request (a write takes effect), then destroy the socket instead of answering
  | 'slowBody' // send headers, then the body in small chunks over delayMs
  | 'cutBody' // send headers and half the body, then destroy the socket (an empty reply announces "{}" and sends "{")
  | 'malformedJson' // 200 with a body that is not JSON (the request is processed)
  | 'foreignLink' // the reply's odata.nextLink / nextLink (added when absent) and Azure-AsyncOperation / Location point at `origin`
  | 'noEtag'; // the request is processed; the reply carries no ETag header (a service that sends none)

export interface FaultSpec {
  /** Regular expression (source text) matched against the request path (without the query). Omitted = every route. */
  route?: string;
  /** HTTP method to match; omitted = any. */
  method?: string;
  /** Query parameters the request must carry with exactly these values (e.g. {"$filter": "state eq 'running'"}). */
  query?: Record<string, string>;
  kind: FaultKind;
  /** How many matching requests the fault applies to; omitted = until cleared. */
  count?: number;
  status?: number;
  retryAfterSeconds?: number;
  retryAfterMs?: number;
  delayMs?: number;
  /** 'foreignLink': the origin links are moved to (default "https://foreign.invalid", a name that never resolves). */
  origin?: string;
}

export interface RecordedRequest {
  seq: number;
  time: number;
  method: string;
  /** Path without the query string, e.g. "/batch/acct1/pools/p1/nodes/n1/reimage". */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Raw request body text ('' when none). */
  body: string;
  status: number;
  /** Bytes of the response body as sent on the wire. */
  responseBytes: number;
  /** Set when the request was answered by an injected fault. */
  fault?: FaultKind;
}

export interface EmulatorBatchAccount {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  /** Full data-plane URL, e.g. "https://127.0.0.1:8443/batch/demoaccount" (no trailing slash). */
  url: string;
  /** What ARM reports as accountEndpoint (the URL without "https://"). */
  accountEndpoint: string;
  primaryKey: string;
  secondaryKey: string;
}

export interface EmulatorInfo {
  baseUrl: string; // "https://127.0.0.1:PORT/"
  armEndpoint: string; // same as baseUrl
  authorityHost: string; // same as baseUrl: tenants live at {authorityHost}{tenantId}
  tenantId: string;
  /** Service principal the token endpoint accepts (client credentials). Test data, not a secret. */
  clientId: string;
  clientSecret: string;
  /** The audience Batch tokens must carry. */
  batchResourceId: string; // "https://batch.core.windows.net/"
  /** PEM file of the self-signed certificate; point NODE_EXTRA_CA_CERTS at it. */
  certificatePath: string;
  batchAccounts: EmulatorBatchAccount[];
  /** True when requests and responses are validated against the official specs (../shared/azure-specs). */
  conformance: boolean;
  /** Added: the subscriptions of the data set (what GET /subscriptions lists). */
  subscriptions: { subscriptionId: string; displayName: string }[];
  /** Added: the data set in use. */
  data: 'demo' | 'small' | 'large';
  /** Added: the specs folder in use (null when conformance is off) or why conformance is off. */
  specsDir: string | null;
  conformanceReason?: string;
}

/** Added: one exchange the official OpenAPI definitions do not allow. */
export interface ConformanceViolation {
  /**
   * request: the request body does not match the operation's body schema;
   * response: the emulator answered with a status or body the operation does not define;
   * operation: no operation of the spec that covers this part of the service is this method and path.
   */
  kind: 'request' | 'response' | 'operation';
  time: number;
  method: string;
  path: string;
  /** api-version the request named. */
  apiVersion: string;
  /** api-version of the spec file actually used (differs when the folder lacks the named one). */
  specVersion: string;
  /** Spec file (relative to the specs folder) and operation used. */
  specFile: string;
  operationId: string;
  /** Definition the body was checked against, e.g. "BatchPoolUpdateOptions" ('' when none). */
  definition: string;
  errors: string[];
  /** Response violations: the status the emulator answered with. */
  status?: number;
  /** Set when the nearest spec version was used instead of the named one. */
  note?: string;
}

export interface EmulatorOptions {
  port?: number; // 0 = any free port (default)
  /** `large` adds a 50,000-node pool (account contososcale, pool hpc-50k) for benchmarks. */
  data?: 'demo' | 'small' | 'large';
  /** Folder of the official specs; default: ../shared/azure-specs relative to the repo root; null = off. */
  specsDir?: string | null;
  /** Where the self-signed certificate is kept and reused; default out/emulator-cert. */
  certDir?: string;
  /** Delay before an image-definition PUT reaches its terminal state. */
  lroDelayMs?: number;
  /** Time each node state transition takes (reimage, reboot, deallocate, start, nodes joining or leaving a resizing pool). */
  nodeTransitionMs?: number;
  /** Print start-up lines (ARM endpoint, one line per Batch account) to stdout. */
  quiet?: boolean;
  /** Added: delay added to every (non-control) response, in ms. Default 0. */
  latencyMs?: number;
  /** Added: page size of ARM lists (batch accounts, galleries, image definitions). Default 2. */
  armPageSize?: number;
  /** Added: where log lines go (default: stderr unless quiet). */
  log?: (line: string) => void;
  /**
   * Added: the clock the token service issues tokens and checks their expiry against (ms since the epoch; default
   * Date.now), e.g. a test's fake clock. Request records and service timestamps keep the real clock.
   */
  clock?: () => number;
  /** Added: how late an expired token is still accepted, in seconds (default 300, as Microsoft Entra ID; 0 = strict). */
  tokenClockSkewSeconds?: number;
}

/** Control API (HTTP, under {baseUrl}_emulator/): mirrors the in-process methods below. */
export const CONTROL_ROUTES = {
  info: 'GET _emulator/info',
  addFault: 'POST _emulator/faults', // body FaultSpec
  clearFaults: 'DELETE _emulator/faults',
  requests: 'GET _emulator/requests', // ?path=<regex>&method=<M> -> RecordedRequest[]
  clearRequests: 'DELETE _emulator/requests',
  setNodeState: 'POST _emulator/nodes', // body { account, poolId, nodeId, state, errors? }
  touchPool: 'POST _emulator/pools/touch', // body { account, poolId, metadata? } -> bumps ETag (simulates another writer)
  failNextImagePut: 'POST _emulator/images/fail-next', // body { code, message } -> next image PUT's LRO ends Failed
  conformance: 'GET _emulator/conformance', // -> violations list (400 when conformance is off: nothing was checked)
  reset: 'POST _emulator/reset', // reload the data set, clear faults and requests
  offline: 'POST _emulator/offline', // body { ms } -> after answering, refuses connections for ms (listener closed), then listens again
  addSubscriptions: 'POST _emulator/subscriptions', // body { count } -> adds that many empty subscriptions (until reset)
  // Added: read access to state for assertions from another process.
  getNode: 'GET _emulator/state/node', // ?account=&poolId=&nodeId= -> node JSON + reimage records (404 when unknown)
  getPool: 'GET _emulator/state/pool', // ?account=&poolId= -> pool JSON (404 when unknown)
  getImage: 'GET _emulator/state/image', // ?subscriptionId=&resourceGroup=&gallery=&name= -> image JSON (404 when unknown)
} as const;
