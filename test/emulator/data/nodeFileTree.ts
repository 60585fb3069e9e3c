/**
 * The files a compute node shows through GET .../files: built from the node's state on every request (nothing is
 * stored, so the 10,000-node pool costs nothing until a node is browsed). Layout as on a Batch node:
 *   applications/ (one folder per application package), fsmounts/, shared/,
 *   startup/stdout.txt, startup/stderr.txt, startup/wd/      (once the start task has run),
 *   workitems/{jobId}/job-1/{taskId}/stdout.txt|stderr.txt|wd/ (one folder per running task).
 * A running task of pool linux-small writes a build log of about 1.7 MB, so reading "the last 1 MiB" is exercised.
 * Names use "/" on every node; the files routes also accept "\" in a requested path.
 */
import type { NodeRecord, PoolRecord } from '../state';
import { SeededRandom } from './random';
import { startTaskOutput } from './startTaskOutput';

export interface NodeFileEntry {
  /** Path from the node's root, "/"-separated, no leading or trailing "/". */
  name: string;
  isDirectory: boolean;
  created: number;
  modified: number;
  /** Linux file mode in octal ("0o100644"); undefined on Windows nodes. */
  fileMode?: string;
  /** Built on demand (one file is over 1 MiB); undefined for directories. */
  content?: () => Buffer;
}

/** Node states in which the node agent answers file requests. */
export const FILE_READABLE_STATES: ReadonlySet<string> = new Set([
  'idle', 'running', 'offline', 'starttaskfailed', 'waitingforstarttask', 'unusable', 'leavingpool',
]);

export const LARGE_LOG_POOL = 'linux-small';

export function isWindowsPool(pool: PoolRecord): boolean {
  const vm = pool.spec['virtualMachineConfiguration'] as { nodeAgentSKUId?: string } | undefined;
  return (vm?.nodeAgentSKUId ?? '').toLowerCase().includes('windows');
}

/** Whether the start task has run (or is running) since the node last booted. */
function startTaskHasRun(node: NodeRecord): boolean {
  return !['creating', 'starting', 'rebooting', 'reimaging', 'deallocated', 'deallocating'].includes(node.state);
}

function seedOf(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  }
  return hash >>> 0;
}

/** About 1.7 MB of a C++ build log (ninja), deterministic for a node and task. */
export function buildLog(seed: string): Buffer {
  const rng = new SeededRandom(seedOf(seed));
  const total = 17_500;
  const out: string[] = ['-- The CXX compiler identification is GNU 11.4.0', '-- Configuring done (2.1s)', '-- Generating done (0.4s)'];
  let seconds = 3.2;
  for (let i = 1; i <= total; i++) {
    seconds += rng.next() * 0.9;
    const module = String(rng.int(1, 240)).padStart(3, '0');
    const file = String(rng.int(1, 80)).padStart(3, '0');
    out.push(`[${seconds.toFixed(3).padStart(9)}s] [${i}/${total}] Building CXX object src/module_${module}/CMakeFiles/module_${module}.dir/source_${file}.cpp.o`);
    if (i % 997 === 0) {
      out.push(`src/module_${module}/source_${file}.cpp:${rng.int(10, 900)}:${rng.int(1, 60)}: warning: unused variable 'scratch' [-Wunused-variable]`);
    }
  }
  out.push(`[${(seconds + 1).toFixed(3).padStart(9)}s] Linking CXX executable bin/solver`);
  return Buffer.from(out.map((l) => `${l}\n`).join(''), 'utf8');
}

function taskStdout(pool: PoolRecord, jobId: string, taskId: string): string {
  if (jobId.startsWith('render')) {
    return [`Blender 4.1.1 (hash e1743a0317bc built 2024-04-15)`, `Read blend: D:\\batch\\tasks\\workitems\\${jobId}\\job-1\\${taskId}\\wd\\shot_0420.blend`, 'Fra:1201 Mem:812.45M (Peak 1034.12M) | Time:00:41.27 | Rendering 212 / 256 samples', ''].join('\n');
  }
  if (jobId.startsWith('train')) {
    return ['epoch 3/20 step 1200 loss 2.1134 lr 3.0e-04 tokens/s 18342', 'epoch 3/20 step 1300 loss 2.0987 lr 3.0e-04 tokens/s 18410', ''].join('\n');
  }
  return [`${pool.id}: task ${taskId} started`, 'iteration 1200 residual 3.2e-05', ''].join('\n');
}

/** Every file and directory of the node, sorted by name. */
export function nodeFileTree(pool: PoolRecord, node: NodeRecord): NodeFileEntry[] {
  const linux = !isWindowsPool(pool);
  const entries = new Map<string, NodeFileEntry>();
  const dir = (name: string, time: number) => {
    const parts = name.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const path = parts.slice(0, i).join('/');
      if (!entries.has(path)) {
        entries.set(path, { name: path, isDirectory: true, created: time, modified: time, ...(linux ? { fileMode: '0o40755' } : {}) });
      }
    }
  };
  const file = (name: string, created: number, modified: number, content: () => Buffer) => {
    dir(name.split('/').slice(0, -1).join('/'), created);
    entries.set(name, { name, isDirectory: false, created, modified, ...(linux ? { fileMode: '0o100644' } : {}), content });
  };

  const allocated = node.allocationTime;
  const references = (pool.spec['applicationPackageReferences'] as { applicationId: string; version?: string }[] | undefined) ?? [];
  dir('applications', allocated);
  for (const ref of references) { dir(`applications/${ref.applicationId}${ref.version ?? ''}`, allocated); }
  dir('fsmounts', allocated);
  dir('shared', allocated);
  dir('startup', allocated);
  dir('workitems', allocated);

  const startTask = pool.startTaskHistory[node.startTaskRev];
  if (startTask && startTaskHasRun(node)) {
    const began = node.lastBootTime + 3_000;
    const ended = node.state === 'waitingforstarttask' ? Date.now() : node.lastBootTime + 45_000;
    const failed = node.startTaskExitCode !== undefined && node.startTaskExitCode !== 0;
    const output = startTaskOutput(startTask, failed);
    const stdout = node.state === 'waitingforstarttask' ? output.stdout.split('\n').slice(0, 3).join('\n') : output.stdout;
    const stderr = node.state === 'waitingforstarttask' ? '' : output.stderr;
    dir('startup/wd', began);
    file('startup/stdout.txt', began, ended, () => Buffer.from(stdout, 'utf8'));
    file('startup/stderr.txt', began, ended, () => Buffer.from(stderr, 'utf8'));
  }

  for (const full of node.runningTaskIds ?? []) {
    const [jobId, taskId] = full.split('/') as [string, string];
    const base = `workitems/${jobId}/job-1/${taskId}`;
    const began = node.stateTransitionTime;
    const now = Date.now();
    dir(`${base}/wd`, began);
    const large = pool.id === LARGE_LOG_POOL;
    file(`${base}/stdout.txt`, began, now, () => (large ? buildLog(`${node.id}/${full}`) : Buffer.from(taskStdout(pool, jobId, taskId), 'utf8')));
    file(`${base}/stderr.txt`, began, now, () => Buffer.from(large ? 'ninja: warning: multiple rules generate bin/solver\n' : '', 'utf8'));
  }
  return [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** "startup\\stdout.txt", "/startup/stdout.txt/" -> "startup/stdout.txt". */
export function normalizeNodePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '').replace(/\/{2,}/g, '/');
}
