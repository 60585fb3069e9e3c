/**
 * Conformance of the emulator's traffic with the official OpenAPI 2.0 files in the specs folder (../shared/azure-specs):
 *   - a request must be an operation of the spec that covers its part of the service (./specIndex.ts), and its body
 *     must match the operation's body schema;
 *   - every response the emulator sends for such an operation must be one the operation defines (status, and the
 *     body schema for that status or `default`).
 * Schemas are strict about property names (./swaggerSchema.ts): a misspelled property is a violation. Nulls are
 * validated as sent. Batch responses may carry OData annotations at their top level ("odata.metadata", sent by the
 * service, not part of the spec's models).
 *
 * Not covered, on purpose: requests to parts of Azure no spec here describes (Microsoft.Resources, Batch management);
 * ARM asynchronous-operation status URLs (an ARM convention, checked against the common OperationStatusResult).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import type { ConformanceViolation } from './api';
import { SpecIndex, type FoundOperation, type SpecSurface } from './specIndex';
import { OPERATION_STATUS } from './specStandIns';
import { convertDefinitions, convertSchema, schemaIdOf, type Direction, type JsonSchema, type SwaggerDoc } from './swaggerSchema';

export type { SpecSurface } from './specIndex';

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

export interface ResponseCheck extends BodyCheckRequest {
  status: number;
  /** The response body as sent ('' when none). */
  responseBody: string;
}

export type BodyCheckResult = { ok: true; operationId?: string } | { ok: false; violation: ConformanceViolation };

const ALWAYS_VALID_FORMATS = ['arm-id', 'date-time-rfc7231', 'date-time-rfc1123', 'unixtime', 'base64url', 'url', 'duration-constant'];
/** ARM's asynchronous-operation status URLs (Azure-AsyncOperation), e.g. .../locations/westeurope/capsOperations/{id}. */
const ASYNC_OPERATION_STATUS = /\/providers\/[^/]+\/locations\/[^/]+\/(capsOperations|operations|operationStatuses)\/[^/]+$/i;

export class Conformance {
  readonly enabled: boolean;
  readonly reason?: string;
  private readonly index?: SpecIndex;
  private readonly ajv: Ajv2019;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly registered = new Set<string>();
  private readonly loggedFallbacks = new Set<string>();
  private records: ConformanceViolation[] = [];

  constructor(readonly specsDir: string | null, private readonly log: (line: string) => void = () => {}) {
    this.ajv = new Ajv2019({ strict: false, allErrors: true, unicodeRegExp: false, validateSchema: false });
    addFormats(this.ajv, { mode: 'fast' });
    for (const name of ALWAYS_VALID_FORMATS) {
      this.ajv.addFormat(name, true);
    }
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
      this.reason = `specs folder not found: ${root} (set AZB_SPECS_DIR to the folder that holds specification/)`;
      return;
    }
    this.index = new SpecIndex(specsDir);
    this.enabled = this.index.files.length > 0;
    if (!this.enabled) {
      this.reason = `no OpenAPI 2.0 files under ${root}`;
    }
  }

  /** Spec files in use, e.g. for the start-up log. */
  describe(): string[] {
    return (this.index?.files ?? []).map((f) => `${f.file} (${f.version})`);
  }

  /** What the emulator saw that the specs do not allow. Throws when conformance is off: "none" would be a lie. */
  violations(): ConformanceViolation[] {
    if (!this.enabled) {
      throw new Error(`conformance is off: ${this.reason ?? 'unknown reason'}; nothing was checked against the specs`);
    }
    return this.records.slice();
  }

  clear(): void {
    this.records = [];
  }

  /** Checks a request: its operation, then its body. Requests outside every spec here (or with conformance off) pass. */
  check(request: BodyCheckRequest): BodyCheckResult {
    if (!this.enabled) {
      return { ok: true };
    }
    const found = this.find(request);
    if (!found) {
      if (!this.index!.covers(request.surface, request.path) || ASYNC_OPERATION_STATUS.test(request.path)) {
        return { ok: true };
      }
      return { ok: false, violation: this.record(request, 'operation', undefined, [`no operation of ${this.index!.filesOf(request.surface)} is ${request.method} ${request.path}`]) };
    }
    const { operation } = found;
    let errors: string[];
    if (!operation.body) {
      errors = request.body.trim() === '' ? [] : ['the operation takes no request body'];
    } else if (request.body.trim() === '') {
      errors = operation.body.required ? ['request body is required'] : [];
    } else {
      errors = this.validate(found, 'request', operation.body.schema, request.body, 'request body');
    }
    if (errors.length === 0) {
      return { ok: true, operationId: operation.operationId };
    }
    return { ok: false, violation: this.record(request, 'request', found, errors, operation.body?.definition) };
  }

  /** Checks a response the emulator is about to send; records and returns the violation, if any. */
  checkResponse(exchange: ResponseCheck): ConformanceViolation | undefined {
    if (!this.enabled || exchange.status === 304) {
      return undefined; // 304 Not Modified: HTTP's answer to the conditional headers the operations declare
    }
    const found = this.find(exchange);
    if (!found) {
      if (ASYNC_OPERATION_STATUS.test(exchange.path) && exchange.status < 300) {
        const errors = this.validateStandIn(exchange.responseBody);
        return errors.length > 0 ? this.record(exchange, 'response', undefined, errors, OPERATION_STATUS.name) : undefined;
      }
      return undefined; // not an operation of any spec here (the request check said so, where it matters)
    }
    const responses = found.operation.responses;
    const entry = responses[String(exchange.status)] ?? (exchange.status >= 400 ? responses['default'] : undefined);
    if (!entry) {
      return this.record(exchange, 'response', found, [`status ${exchange.status} is not a response of the operation (it has ${Object.keys(responses).join(', ')})`]);
    }
    let errors: string[] = [];
    if (entry.schema === undefined) {
      errors = exchange.responseBody === '' ? [] : [`the operation's ${exchange.status} response has no body, the emulator sent one`];
    } else if (exchange.responseBody === '') {
      errors = [`the operation's ${exchange.status} response has a ${entry.definition} body, the emulator sent none`];
    } else {
      errors = this.validate(found, 'response', entry.schema, exchange.responseBody, 'response body');
    }
    return errors.length > 0 ? this.record(exchange, 'response', found, errors, entry.definition) : undefined;
  }

  private find(request: BodyCheckRequest): FoundOperation | undefined {
    const found = this.index!.find(request.surface, request.method, request.path, request.apiVersion);
    if (found?.note) {
      const key = `${found.spec.group}|${request.apiVersion}`;
      if (!this.loggedFallbacks.has(key)) {
        this.loggedFallbacks.add(key);
        this.log(`conformance: ${found.note}`);
      }
    }
    return found;
  }

  private record(
    request: BodyCheckRequest | ResponseCheck,
    kind: ConformanceViolation['kind'],
    found: FoundOperation | undefined,
    errors: string[],
    definition = '',
  ): ConformanceViolation {
    const violation: ConformanceViolation = {
      kind,
      time: Date.now(),
      method: request.method,
      path: request.fullPath,
      apiVersion: request.apiVersion,
      specVersion: found?.spec.version ?? '',
      specFile: found?.spec.file ?? '',
      operationId: found?.operation.operationId ?? '(none)',
      definition,
      errors,
      ...('status' in request ? { status: request.status } : {}),
      ...(found?.note ? { note: found.note } : {}),
    };
    this.records.push(violation);
    const status = 'status' in request ? ` → ${request.status}` : '';
    this.log(`conformance violation (${kind}): ${request.method} ${request.fullPath}${status} (${violation.operationId}, ${violation.specVersion}): ${errors.join('; ')}`);
    return violation;
  }

  /** Registers a document's definitions (in one direction) with ajv, once. */
  private register(doc: SwaggerDoc, direction: Direction): void {
    const id = schemaIdOf(doc, direction);
    if (!this.registered.has(id)) {
      this.registered.add(id);
      this.ajv.addSchema(convertDefinitions(doc, direction, this.index!.resolve));
    }
  }

  private compile(key: string, direction: Direction, schema: () => JsonSchema): ValidateFunction {
    let validator = this.validators.get(key);
    if (!validator) {
      for (const doc of this.index!.documents()) {
        this.register(doc, direction);
      }
      validator = this.ajv.compile(schema());
      this.validators.set(key, validator);
    }
    return validator;
  }

  private validate(found: FoundOperation, direction: Direction, schema: unknown, text: string, what: string): string[] {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return [`${what} is not valid JSON: ${(e as Error).message}`];
    }
    const key = `${found.spec.file}#${found.operation.operationId}#${direction}#${what}#${JSON.stringify(schema)}`;
    const validator = this.compile(key, direction, () => {
      const converted = convertSchema(schema, { doc: found.spec, direction, resolve: this.index!.resolve }, 'value');
      // Batch responses may add OData annotations ("odata.metadata") to their top level.
      return direction === 'response' && found.spec.surface === 'batch' ? { ...converted, patternProperties: { '^odata\\.': {} } } : converted;
    });
    return validator(value) ? [] : formatErrors(validator.errors ?? []);
  }

  private validateStandIn(text: string): string[] {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return [`response body is not valid JSON: ${(e as Error).message}`];
    }
    const validator = this.compile('standin#operation-status', 'response', () => ({
      $ref: `${schemaIdOf(OPERATION_STATUS.doc, 'response')}#/definitions/${OPERATION_STATUS.name}`,
      unevaluatedProperties: false,
    }));
    return validator(value) ? [] : formatErrors(validator.errors ?? []);
  }
}

function formatErrors(errors: ErrorObject[]): string[] {
  const out = new Set<string>();
  for (const e of errors) {
    const where = e.instancePath || '(body)';
    if (e.keyword === 'enum') {
      out.add(`${where} must be one of: ${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')}`);
    } else if (e.keyword === 'required') {
      out.add(`${where} is missing required property '${(e.params as { missingProperty?: string }).missingProperty ?? '?'}'`);
    } else if (e.keyword === 'unevaluatedProperties') {
      out.add(`${where} has a property the spec does not define: '${(e.params as { unevaluatedProperty?: string }).unevaluatedProperty ?? '?'}'`);
    } else {
      out.add(`${where} ${e.message ?? e.keyword}`);
    }
  }
  return [...out];
}
