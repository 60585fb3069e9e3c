// Makes the TypeScript model files src/azure/batch/batchModels.generated.ts and src/azure/arm/galleryModels.generated.ts
// from the official OpenAPI definitions (Azure/azure-rest-api-specs, MIT; tools/codegen/specs.mjs says where).
// and src/azure/arm/galleryImageVersionModels.generated.ts. Only the definitions reachable from the listed roots are
// emitted; a target may reuse (import) what an earlier target emitted. Run through `npm run generate`.
import { readSpec } from './specs.mjs';

const targets = [
  {
    spec: 'batch/data-plane/Azure.Batch/stable/2025-06-01.21.0/BatchService.json',
    out: 'src/azure/batch/batchModels.generated.ts',
    title: 'Azure Batch data plane, API version 2025-06-01.21.0 (BatchService.json)',
    roots: [
      'BatchPool', 'BatchPoolListResult', 'BatchPoolUpdateOptions', 'BatchNode', 'BatchNodeListResult',
      'BatchPoolNodeCounts', 'BatchPoolNodeCountsListResult', 'BatchNodeReimageOptions', 'BatchError',
    ],
    external: {},
  },
  {
    spec: 'compute/resource-manager/Microsoft.Compute/GalleryRP/stable/2024-03-03/GalleryRP.json',
    out: 'src/azure/arm/galleryModels.generated.ts',
    title: 'Azure Compute Gallery, API version 2024-03-03 (GalleryRP.json)',
    roots: ['Gallery', 'GalleryList', 'GalleryImage', 'GalleryImageList'],
    // Definitions that live in common-types (not copied): hand-written in armResource.ts.
    external: { TrackedResource: "import type { TrackedResource } from './armResource';" },
  },
  {
    spec: 'compute/resource-manager/Microsoft.Compute/GalleryRP/stable/2024-03-03/GalleryRP.json',
    out: 'src/azure/arm/galleryImageVersionModels.generated.ts',
    title: 'Azure Compute Gallery, API version 2024-03-03 (GalleryRP.json)',
    roots: ['GalleryImageVersion', 'GalleryImageVersionList'],
    external: { TrackedResource: "import type { TrackedResource } from './armResource';" },
    // Definitions galleryModels.generated.ts already has are imported from it, not emitted twice.
    reuse: { out: 'src/azure/arm/galleryModels.generated.ts', module: './galleryModels.generated' },
  },
];

const identifier = (name) => name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^Azure_Core_/, 'AzureCore_');
const refName = (ref) => ref.split('/').pop();
const propKey = (k) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k));

function doc(text, indent) {
  if (!text) return '';
  let t = text.replace(/\s+/g, ' ').trim();
  if (t.length > 400) t = t.slice(0, 397).replace(/\s\S*$/, '') + ' …';
  t = t.replace(/\*\//g, '*\\/');
  return `${indent}/** ${t} */\n`;
}

function tsType(schema, deps) {
  if (!schema) return 'unknown';
  if (schema.$ref) {
    const n = refName(schema.$ref);
    deps.add(n);
    return identifier(n);
  }
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  switch (schema.type) {
    case 'string': return 'string';
    case 'integer':
    case 'number': return 'number';
    case 'boolean': return 'boolean';
    case 'array': {
      const inner = tsType(schema.items, deps);
      return /[ |]/.test(inner) ? `Array<${inner}>` : `${inner}[]`;
    }
    case 'object':
    case undefined: {
      if (schema.properties) return '{ ' + Object.entries(schema.properties).map(([k, v]) => `${propKey(k)}?: ${tsType(v, deps)}`).join('; ') + ' }';
      if (schema.additionalProperties) {
        const v = schema.additionalProperties === true ? 'unknown' : tsType(schema.additionalProperties, deps);
        return `Record<string, ${v}>`;
      }
      return 'Record<string, unknown>';
    }
    default: return 'unknown';
  }
}

function formatNote(p) {
  const notes = [];
  if (p.format && p.type === 'string') notes.push(p.format);
  if (p.readOnly) notes.push('read-only');
  if (p['x-ms-secret']) notes.push('secret');
  return notes.length ? ` (${notes.join(', ')})` : '';
}

/**
 * One generated file: `path` (relative to the repository root) and its `text`. `emittedByOut` holds the definition
 * names each earlier output emitted (for a later target's `reuse`).
 */
function modelsFile(target, emittedByOut) {
  const spec = readSpec(...target.spec.split('/'));
  const queue = [...target.roots];
  const emitted = new Set();
  const imports = new Set();
  const chunks = [];
  const reusable = target.reuse ? emittedByOut.get(target.reuse.out) ?? new Set() : new Set();
  const reused = new Set();
  while (queue.length) {
    const name = queue.shift();
    if (emitted.has(name)) continue;
    emitted.add(name);
    if (target.external[name]) { imports.add(target.external[name]); continue; }
    if (reusable.has(name)) { reused.add(identifier(name)); continue; }
    const def = spec.definitions[name];
    if (!def) throw new Error(`definition ${name} not found in ${target.spec}`);
    const deps = new Set();
    const id = identifier(name);
    let out = doc(def.description, '');
    if (def.enum) {
      out += `export type ${id} = ${def.enum.map((v) => JSON.stringify(v)).join(' | ')};\n`;
    } else if (!def.properties && !def.allOf && def.type && def.type !== 'object') {
      out += `export type ${id} = ${tsType(def, deps)};\n`;
    } else if (def.allOf && !def.properties && !def.additionalProperties) {
      // Only a base (e.g. GalleryOSDiskImage = GalleryDiskImage): an alias, not an empty interface.
      out += `export type ${id} = ${def.allOf.map((s) => tsType(s, deps)).join(' & ')};\n`;
    } else {
      const bases = (def.allOf ?? []).map((s) => tsType(s, deps));
      const required = new Set(def.required ?? []);
      out += `export interface ${id}${bases.length ? ' extends ' + bases.join(', ') : ''} {\n`;
      for (const [k, p] of Object.entries(def.properties ?? {})) {
        const desc = (p.description ?? '') + formatNote(p);
        out += doc(desc, '  ');
        out += `  ${propKey(k)}${required.has(k) ? '' : '?'}: ${tsType(p, deps)};\n`;
      }
      if (def.additionalProperties && !def.properties) out += `  [key: string]: ${tsType(def.additionalProperties, deps)};\n`;
      out += '}\n';
    }
    chunks.push(out);
    for (const d of deps) if (!emitted.has(d)) queue.push(d);
  }
  emittedByOut.set(target.out, new Set([...emitted].filter((n) => !target.external[n] && !reused.has(identifier(n)))));
  if (reused.size) imports.add(`import type { ${[...reused].sort().join(', ')} } from '${target.reuse.module}';`);
  const header = `// Generated by tools/codegen/typescriptModels.mjs (npm run generate) from the official OpenAPI definition:\n` +
    `// ${target.title}\n// specification/${target.spec} (Azure/azure-rest-api-specs, MIT License).\n` +
    `// Do not edit by hand; re-run the generator. Only definitions reachable from: ${target.roots.join(', ')}.\n`;
  return { path: target.out, text: header + [...imports].join('\n') + (imports.size ? '\n\n' : '\n') + chunks.join('\n') };
}

/** The model files, in the order of `targets`. */
export function typescriptModels() {
  const emittedByOut = new Map();
  return targets.map((target) => modelsFile(target, emittedByOut));
}
