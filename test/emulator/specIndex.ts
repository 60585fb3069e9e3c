/**
 * The official OpenAPI 2.0 files of the specs folder (../shared/azure-specs), indexed by operation: which operation a
 * request is (method + path template, in the spec version its api-version names, else the nearest by date), which
 * request body and which response bodies (per status) that operation has, and which requests no spec here covers.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { STAND_INS, standInFor } from './specStandIns';
import type { RefResolver, SwaggerDoc } from './swaggerSchema';

export type SpecSurface = 'batch' | 'arm';

export interface SpecOperation {
  method: string;
  template: string;
  regex: RegExp;
  operationId: string;
  /** `name`: the body parameter's name (the key of the body in the spec's examples). */
  body?: { name: string; schema: unknown; required: boolean; definition: string };
  /** File names of the operation's examples (x-ms-examples), e.g. "Pools_GetPool_Basic.json". */
  examples: string[];
  /** Status ("200", "default", ...) → the response body schema (undefined: the response has no body). */
  responses: Record<string, { schema?: unknown; definition: string }>;
}

export interface SpecFile extends SwaggerDoc {
  file: string; // relative to the specs folder
  surface: SpecSurface;
  group: string;
  version: string;
  operations: SpecOperation[];
}

export interface FoundOperation {
  spec: SpecFile;
  operation: SpecOperation;
  /** Set when the spec version differs from the request's api-version. */
  note?: string;
}

const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head'];

function definitionName(schema: unknown): string {
  const ref = typeof schema === 'object' && schema !== null ? (schema as Record<string, unknown>)['$ref'] : undefined;
  return typeof ref === 'string' ? ref.split('/').pop()! : 'inline schema';
}

function resolveParameter(p: unknown, parameters: Record<string, unknown>): Record<string, unknown> | undefined {
  if (typeof p !== 'object' || p === null) {
    return undefined;
  }
  const ref = (p as Record<string, unknown>)['$ref'];
  if (typeof ref === 'string') {
    if (!ref.startsWith('#/parameters/')) {
      return undefined; // external common-types parameter: not a body
    }
    const target = parameters[ref.slice('#/parameters/'.length)];
    return typeof target === 'object' && target !== null ? (target as Record<string, unknown>) : undefined;
  }
  return p as Record<string, unknown>;
}

function templateRegex(template: string, caseInsensitive: boolean): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    // A node file's {filePath} is a path ("startup/stdout.txt", "workitems/job/task/stderr.txt"): the service takes
    // its slashes as they are, and so does the emulator's route; every other parameter is one segment.
    .map((part) => (part === '{filePath}' ? '(.+)' : part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
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
      if (name !== 'examples') {
        out.push(...listSpecFiles(full));
      }
    } else if (name.endsWith('.json')) {
      out.push(full);
    }
  }
  return out;
}

function loadSpec(specsDir: string, path: string): SpecFile | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (doc['swagger'] !== '2.0' || typeof doc['paths'] !== 'object' || doc['paths'] === null) {
    return undefined;
  }
  const file = relative(specsDir, path).split(sep).join('/');
  const surface: SpecSurface = file.includes('/data-plane/') ? 'batch' : 'arm';
  if (surface === 'batch' && !file.startsWith('specification/batch/')) {
    return undefined;
  }
  const info = (doc['info'] ?? {}) as Record<string, unknown>;
  const dirs = file.split('/');
  const version = typeof info['version'] === 'string' ? info['version'] : (dirs[dirs.length - 2] ?? '');
  const parameters = (doc['parameters'] ?? {}) as Record<string, unknown>;
  const operations: SpecOperation[] = [];
  for (const [template, item] of Object.entries(doc['paths'] as Record<string, Record<string, unknown>>)) {
    const shared = Array.isArray(item['parameters']) ? (item['parameters'] as unknown[]) : [];
    for (const method of HTTP_METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) {
        continue;
      }
      const params = [...shared, ...(Array.isArray(op['parameters']) ? (op['parameters'] as unknown[]) : [])].map((p) => resolveParameter(p, parameters));
      const bodyParam = params.find((p) => p?.['in'] === 'body');
      const schema = bodyParam?.['schema'];
      const responses: SpecOperation['responses'] = {};
      for (const [status, response] of Object.entries((op['responses'] ?? {}) as Record<string, Record<string, unknown>>)) {
        responses[status] = response['schema'] ? { schema: response['schema'], definition: definitionName(response['schema']) } : { definition: '(no body)' };
      }
      operations.push({
        method,
        template,
        regex: templateRegex(template, surface === 'arm'),
        operationId: typeof op['operationId'] === 'string' ? op['operationId'] : `${method} ${template}`,
        ...(bodyParam && schema ? { body: { name: String(bodyParam['name']), schema, required: bodyParam['required'] === true, definition: definitionName(schema) } } : {}),
        responses,
        examples: Object.values((op['x-ms-examples'] ?? {}) as Record<string, { $ref?: string }>).map((e) => String(e.$ref ?? '').split('/').pop()!),
      });
    }
  }
  return {
    id: `spec:${file}`,
    file,
    surface,
    group: `${surface}:${dirs[dirs.length - 1] ?? file}`,
    version,
    definitions: (doc['definitions'] ?? {}) as Record<string, unknown>,
    operations,
  };
}

/** The provider namespace of an ARM path ("Microsoft.Resources" for paths outside any provider). */
function providerOf(path: string): string {
  return (/\/providers\/([^/]+)/i.exec(path)?.[1] ?? 'Microsoft.Resources').toLowerCase();
}

export class SpecIndex {
  readonly files: SpecFile[] = [];

  constructor(readonly specsDir: string) {
    for (const path of listSpecFiles(join(specsDir, 'specification'))) {
      const spec = loadSpec(specsDir, path);
      if (spec) {
        this.files.push(spec);
      }
    }
  }

  /** Resolves "#/definitions/X" in `from`, and refs into the ARM common-types files through their stand-ins. */
  readonly resolve: RefResolver = (ref, from) => {
    const [file, pointer] = ref.split('#');
    const name = pointer?.startsWith('/definitions/') ? pointer.slice('/definitions/'.length) : undefined;
    if (!name) {
      return undefined;
    }
    const doc = file ? standInFor(file, from.id) : from;
    return doc && doc.definitions[name] !== undefined ? { doc, name } : undefined;
  };

  /** Every document a validator may reach: the spec files and the stand-ins. */
  documents(): SwaggerDoc[] {
    return [...this.files, ...STAND_INS];
  }

  find(surface: SpecSurface, method: string, path: string, apiVersion: string): FoundOperation | undefined {
    const m = method.toLowerCase();
    const candidates = this.files.filter((f) => f.surface === surface && f.operations.some((o) => o.method === m && o.regex.test(path)));
    if (candidates.length === 0) {
      return undefined;
    }
    const group = candidates[0]!.group;
    const files = candidates.filter((c) => c.group === group);
    const exact = files.find((f) => f.version === apiVersion);
    const spec = exact ?? nearestVersion(files, apiVersion);
    const operation = spec.operations.find((o) => o.method === m && o.regex.test(path))!;
    const note = exact
      ? undefined
      : `no ${group} definitions for api-version ${apiVersion || '(none)'} in the specs folder; checked against ${spec.version}, the nearest available`;
    return { spec, operation, ...(note ? { note } : {}) };
  }

  /**
   * Whether a spec here describes the part of the service a request goes to: every Batch data-plane request, and ARM
   * requests to a provider namespace some ARM spec here has operations for. Requests a covering spec has no
   * operation for are not Azure's; the others are simply beyond the folder (e.g. Microsoft.Resources).
   */
  covers(surface: SpecSurface, path: string): boolean {
    if (surface === 'batch') {
      return this.files.some((f) => f.surface === 'batch');
    }
    const provider = providerOf(path);
    return this.files.some((f) => f.surface === 'arm' && f.operations.some((o) => providerOf(o.template) === provider));
  }

  /** The operation whose x-ms-examples name this example file (by file name), if any. */
  operationOfExample(fileName: string): { spec: SpecFile; operation: SpecOperation } | undefined {
    for (const spec of this.files) {
      const operation = spec.operations.find((o) => o.examples.includes(fileName));
      if (operation) {
        return { spec, operation };
      }
    }
    return undefined;
  }

  /** The spec files of a surface, for messages. */
  filesOf(surface: SpecSurface): string {
    return this.files.filter((f) => f.surface === surface).map((f) => `${f.file} (${f.version})`).join(', ') || '(none)';
  }
}
