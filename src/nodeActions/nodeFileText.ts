/**
 * Node files as editor documents: paths (the service names them "startup/stdout.txt"; "\" is accepted too), the
 * language id from the name, the 1 MiB tail of large files and the first line saying so, size text. Pure.
 */
import * as l10n from '../utils/l10n';

/** Files larger than this open as their last TAIL_BYTES, with a first line saying so. */
export const TAIL_BYTES = 1024 * 1024;
export const START_TASK_STDOUT = 'startup/stdout.txt';
export const START_TASK_STDERR = 'startup/stderr.txt';
/** The command that loads all of a truncated file (its title is part of the header line). */
export const LOAD_WHOLE_FILE_TITLE = 'Load Whole File';

/** "startup\\wd\\x.log", "/startup/wd/x.log/" -> ["startup", "wd", "x.log"]. */
export function nodePathParts(path: string): string[] {
  return path.split(/[\\/]+/).filter((part) => part !== '');
}

/** "startup/wd/x.log" -> "x.log". */
export function nodeFileBaseName(path: string): string {
  const parts = nodePathParts(path);
  return parts[parts.length - 1] ?? '';
}

/** "startup/wd/x.log" -> "startup/wd"; top-level entries -> "". */
export function nodeFileParent(path: string): string {
  return nodePathParts(path).slice(0, -1).join('/');
}

const LANGUAGES: Record<string, string> = {
  txt: 'plaintext', log: 'log', out: 'log', err: 'log', json: 'json', jsonl: 'jsonl', sh: 'shellscript', bash: 'shellscript',
  cmd: 'bat', bat: 'bat', ps1: 'powershell', psm1: 'powershell', py: 'python', js: 'javascript', ts: 'typescript',
  xml: 'xml', config: 'xml', yaml: 'yaml', yml: 'yaml', md: 'markdown', ini: 'ini', conf: 'properties',
  properties: 'properties', cfg: 'ini', csv: 'plaintext', html: 'html', htm: 'html', sql: 'sql', r: 'r', java: 'java',
  c: 'c', h: 'c', cpp: 'cpp', hpp: 'cpp', cs: 'csharp', go: 'go', rs: 'rust', dockerfile: 'dockerfile',
};

/** The editor language for a node file's name ("stdout.txt" -> plaintext, "agent.log" -> log, "run.sh" -> shellscript). */
export function languageIdForFile(path: string): string {
  const name = nodeFileBaseName(path).toLowerCase();
  if (name === 'dockerfile') { return 'dockerfile'; }
  if (name === 'makefile') { return 'makefile'; }
  const dot = name.lastIndexOf('.');
  const extension = dot <= 0 ? '' : name.slice(dot + 1);
  return LANGUAGES[extension] ?? 'plaintext';
}

/** The inclusive byte range of the last `max` bytes, or undefined when the whole file is no larger than that. */
export function tailRange(size: number, max = TAIL_BYTES): { start: number; end: number } | undefined {
  if (!Number.isSafeInteger(size) || size < 0) { throw new RangeError(`Not a file size: ${size}`); }
  return size <= max ? undefined : { start: size - max, end: size - 1 };
}

/** 950 B, 12.3 KB, 1.7 MB, 2.1 GB (decimal units, one decimal from KB up). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1000) { return `${bytes} B`; }
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** First line of a truncated document: "… showing the last 1 MiB of 1.7 MB — run 'Load Whole File' …". */
export function truncationHeader(totalBytes: number, shownBytes = TAIL_BYTES): string {
  const shown = shownBytes === TAIL_BYTES ? '1 MiB' : formatFileSize(shownBytes);
  return l10n.t("[Showing the last {0} of {1} — run '{2}' to read all of it.]", shown, formatFileSize(totalBytes), LOAD_WHOLE_FILE_TITLE);
}

/**
 * Text of a tail that starts mid-file: bytes of a character cut in two are dropped, and so is the cut first line
 * when a line break comes within its first 64 KiB.
 */
export function decodeTail(bytes: Uint8Array): string {
  let start = 0;
  while (start < bytes.length && start < 4 && (bytes[start]! & 0xc0) === 0x80) { start++; }
  const newline = bytes.indexOf(0x0a, start);
  if (newline >= 0 && newline - start < 64 * 1024) { start = newline + 1; }
  return Buffer.from(bytes.subarray(start)).toString('utf8');
}

/** True when the bytes look binary (a NUL in the first 8,000 bytes, as git decides). */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).includes(0);
}
