/**
 * Request-body conformance against the official OpenAPI 2.0 files in the specs folder (../shared/azure-specs).
 *
 * Every spec file under <specsDir>/specification (examples excluded) is indexed by its operations. A request is checked
 * against the operation whose path template matches, in the spec version the request's api-version names; when the
 * folder lacks that version, the nearest version (by date) is used and the violation record says so.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ConformanceViolation } from './api';
import { convertDefinitions, convertSchema, dropNulls } from './swaggerSchema';

export type SpecSurface = 'batch' | 'arm';

interface SpecOperation {
  method: string;
  template: string;
  regex: RegExp;
  operationId: string;
  body?: { schema: unknown; required: boolean; definition: string };
}

interface SpecFile {
  file: string; // relative to specsDir
  surface: SpecSurface;
  group: string;
  version: string;
  schemaId: string;
  definitions: Record<string, unknown>;
  operations: SpecOperation[];
  registered: boolean;
}

export interface BodyCheckRequest {
  surface: SpecSurface;
  method: string;
  /** For Batch: the path after /batch/{account}; for ARM: the full path. */
  path: string;
  /** The full request path (for the record). */
  fullPath: string;
  apiVersion: string;
  body: string;
}

export type BodyCheckResult = { ok: true; operationId?: string } | { ok: false; violation: ConformanceViolation };

const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head'];
const ALWAYS_VALID_FORMATS = ['arm-id', 'date-time-rfc7231', 'date-time-rfc1123', 'unixtime', 'base64url', 'url', 'duration-constant'];

export class Conformance {
  readonly enabled: boolean;
  readonly reason?: string;
  private readonly files: SpecFile[] = [];
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly loggedFallbacks = new Set<string>();
  private records: ConformanceViolation[] = [];

  constructor(readonly specsDir: string | null, private readonly log: (line: string) => void = () => {}) {
    this.ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false, validateSchema: false });
    addFormats(this.ajv, { mode: 'fast' });
    for (const name of ALWAYS_VALID_FORMATS) { this.ajv.addFormat(name, true); }
    // ISO 8601 durations as .NET writes them (fractional seconds allowed, e.g. P10675199DT2H48M5.4775807S).
    this.ajv.addFormat('duration', /^-?P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/);
    if (specsDir === null) {
      this.enabled = false;
      this.reason = 'disabled by option (--no-specs)';
      return;
    }
    const root = join(specsDir, 'specification');
    if (!existsSync(root)) {
      this.enabled = false;
      this.reason = `specs folder not found: ${root}`;
      return;
    }
    for (const path of listSpecFiles(root)) {
      const spec = this.loadSpec(specsDir, path);
      if (spec) { this.files.push(spec); }
    }
    this.enabled = this.files.length > 0;
    if (!this.enabled) { this.reason = `no OpenAPI 2.0 files under ${root}`; }
  }

  /** Spec files in use, e.g. for the start-up log. */
  describe(): string[] {
    return this.files.map((f) => `${f.file} (${f.version})`);
  }

  violations(): ConformanceViolation[] {
    return this.records.slice();
  }

  clear(): void {
    this.records = [];
  }

  /** Checks one request body. Requests without a matching spec operation (or with conformance off) pass. */
  check(request: BodyCheckRequest): BodyCheckResult {
    if (!this.enabled) { return { ok: true }; }
    const found = this.findOperation(request);
    if (!found) { return { ok: true }; }
    const { spec, operation, note } = found;
    if (!operation.body) { return { ok: true, operationId: operation.operationId }; }
    const errors = this.validate(spec, operation, request.body);
    if (errors.length === 0) { return { ok: true, operationId: operation.operationId }; }
    const violation: ConformanceViolation = {
      time: Date.now(),
      method: request.method,
      path: request.fullPath,
      apiVersion: request.apiVersion,
      specVersion: spec.version,
      specFile: spec.file,
      operationId: operation.operationId,
      definition: operation.body.definition,
      errors,
      ...(note ? { note } : {}),
    };
    this.records.push(violation);
    this.log(`conformance violation: ${request.method} ${request.fullPath} (${operation.operationId}, ${spec.version}): ${errors.join('; ')}`);
    return { ok: false, violation };
  }

  private findOperation(request: BodyCheckRequest): { spec: SpecFile; operation: SpecOperation; note?: string } | undefined {
    const method = request.method.toLowerCase();
    const candidates = this.files.filter((f) => f.surface === request.surface && f.operations.some((o) => o.method === method && o.regex.test(request.path)));
    if (candidates.length === 0) { return undefined; }
    const groups = new Map<string, SpecFile[]>();
    for (const c of candidates) { groups.set(c.group, [...(groups.get(c.group) ?? []), c]); }
    const [group, files] = [...groups.entries()][0]!;
    const exact = files.find((f) => f.version === request.apiVersion);
    const spec = exact ?? nearestVersion(files, request.apiVersion);
    const operation = spec.operations.find((o) => o.method === method && o.regex.test(request.path))!;
    let note: string | undefined;
    if (!exact) {
      note = `no ${group} definitions for api-version ${request.apiVersion || '(none)'} in the specs folder; checked against ${spec.version}, the nearest available`;
      const key = `${group}|${request.apiVersion}`;
      if (!this.loggedFallbacks.has(key)) {
        this.loggedFallbacks.add(key);
        this.log(`conformance: ${note}`);
      }
    }
    return { spec, operation, ...(note ? { note } : {}) };
  }

  private validate(spec: SpecFile, operation: SpecOperation, bodyText: string): string[] {
    const body = operation.body!;
    if (bodyText.trim() === '') { return body.required ? ['request body is required'] : []; }
    let value: unknown;
    try {
      value = JSON.parse(bodyText);
    } catch (e) {
      return [`request body is not valid JSON: ${(e as Error).message}`];
    }
    const key = `${spec.file}#${operation.operationId}`;
    let validator = this.validators.get(key);
    if (!validator) {
      if (!spec.registered) {
        this.ajv.addSchema(convertDefinitions(spec.definitions, spec.schemaId));
        spec.registered = true;
      }
      validator = this.ajv.compile(convertSchema(body.schema, spec.schemaId));
      this.validators.set(key, validator);
    }
    if (validator(dropNulls(value))) { return []; }
    return formatErrors(validator.errors ?? []);
  }

  private loadSpec(specsDir: string, path: string): SpecFile | undefined {
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch {
      return undefined;
    }
    if (doc['swagger'] !== '2.0' || typeof doc['paths'] !== 'object' || doc['paths'] === null) { return undefined; }
    const file = relative(specsDir, path).split(sep).join('/');
    const surface: SpecSurface = file.includes('/data-plane/') ? 'batch' : 'arm';
    if (surface === 'batch' && !file.startsWith('specification/batch/')) { return undefined; }
    const info = (doc['info'] ?? {}) as Record<string, unknown>;
    const dirs = file.split('/');
    const version = typeof info['version'] === 'string' ? info['version'] : (dirs[dirs.length - 2] ?? '');
    const baseName = dirs[dirs.length - 1] ?? file;
    const parameters = (doc['parameters'] ?? {}) as Record<string, unknown>;
    const operations: SpecOperation[] = [];
    for (const [template, item] of Object.entries(doc['paths'] as Record<string, Record<string, unknown>>)) {
      const shared = Array.isArray(item['parameters']) ? (item['parameters'] as unknown[]) : [];
      for (const method of HTTP_METHODS) {
        const op = item[method] as Record<string, unknown> | undefined;
        if (!op) { continue; }
        const params = [...shared, ...(Array.isArray(op['parameters']) ? (op['parameters'] as unknown[]) : [])].map((p) => resolveParameter(p, parameters));
        const bodyParam = params.find((p) => p?.['in'] === 'body');
        const schema = bodyParam?.['schema'];
        const ref = typeof schema === 'object' && schema !== null ? (schema as Record<string, unknown>)['$ref'] : undefined;
        operations.push({
          method,
          template,
          regex: templateRegex(template, surface === 'arm'),
          operationId: typeof op['operationId'] === 'string' ? op['operationId'] : `${method} ${template}`,
          ...(bodyParam && schema
            ? { body: { schema, required: bodyParam['required'] === true, definition: typeof ref === 'string' ? ref.split('/').pop()! : 'inline schema' } }
            : {}),
        });
      }
    }
    return {
      file,
      surface,
      group: `${surface}:${baseName}`,
      version,
      schemaId: `spec:${file}`,
      definitions: (doc['definitions'] ?? {}) as Record<string, unknown>,
      operations,
      registered: false,
    };
  }
}

function resolveParameter(p: unknown, parameters: Record<string, unknown>): Record<string, unknown> | undefined {
  if (typeof p !== 'object' || p === null) { return undefined; }
  const ref = (p as Record<string, unknown>)['$ref'];
  if (typeof ref === 'string') {
    if (!ref.startsWith('#/parameters/')) { return undefined; } // external common-types parameter: not a body
    const target = parameters[ref.slice('#/parameters/'.length)];
    return typeof target === 'object' && target !== null ? (target as Record<string, unknown>) : undefined;
  }
  return p as Record<string, unknown>;
}

function templateRegex(template: string, caseInsensitive: boolean): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`, caseInsensitive ? 'i' : '');
}

function versionDate(version: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(version);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : 0;
}

function nearestVersion(files: SpecFile[], apiVersion: string): SpecFile {
  const target = versionDate(apiVersion);
  return files.slice().sort((a, b) => {
    const da = Math.abs(versionDate(a.version) - target);
    const db = Math.abs(versionDate(b.version) - target);
    return da !== db ? da - db : versionDate(b.version) - versionDate(a.version);
  })[0]!;
}

function formatErrors(errors: ErrorObject[]): string[] {
  const out = new Set<string>();
  for (const e of errors) {
    const where = e.instancePath || '(body)';
    if (e.keyword === 'enum') {
      out.add(`${where} must be one of: ${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')}`);
    } else if (e.keyword === 'required') {
      out.add(`${where} is missing required property '${(e.params as { missingProperty?: string }).missingProperty ?? '?'}'`);
    } else {
      out.add(`${where} ${e.message ?? e.keyword}`);
    }
  }
  return [...out];
}

function listSpecFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    let isDir = false;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      continue;
    }
    if (isDir) {
      if (name !== 'examples') { out.push(...listSpecFiles(full)); }
    } else if (name.endsWith('.json')) {
      out.push(full);
    }
  }
  return out;
}
