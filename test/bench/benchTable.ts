/**
 * The bench table: each bench prints its own lines and, when AZB_BENCH_ROWS names a file (`npm run bench`), appends
 * one JSON row per measure to it; `benchTable.js` prints them all as one table at the end.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

export interface BenchRow {
  measure: string;
  goal: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number;
  /** For speed: the ratio against a baseline run in the same process, e.g. "0.98x bare undici". */
  ratio?: string;
  /** 'met', 'NOT met' or '' (no goal). */
  verdict: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Records one measure: `values` are the runs; `goalMax` (same unit) decides met / NOT met. */
export function benchRow(measure: string, unit: string, values: readonly number[], options: { goal?: string; goalMax?: number; ratio?: string; met?: boolean } = {}): BenchRow {
  const row: BenchRow = {
    measure,
    goal: options.goal ?? (options.goalMax !== undefined ? `≤ ${options.goalMax} ${unit}` : ''),
    unit,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    runs: values.length,
    ratio: options.ratio,
    verdict: options.met !== undefined ? (options.met ? 'met' : 'NOT met') : options.goalMax === undefined ? '' : median(values) <= options.goalMax ? 'met' : 'NOT met',
  };
  print(row);
  return row;
}

function print(row: BenchRow): void {
  const { unit } = row;
  const fmt = (v: number) => (Math.abs(v) >= 100 || unit === 'KiB' ? v.toFixed(0) : v.toFixed(1));
  console.log(`${row.measure.padEnd(60)} ${fmt(row.median).padStart(8)} ${unit} (min ${fmt(row.min)}, max ${fmt(row.max)}, n=${row.runs})${row.ratio ? `  ${row.ratio}` : ''}${row.verdict ? `  [${row.goal}: ${row.verdict}]` : ''}`);
  appendRow(row);
}

/** Appends a row to the table file (AZB_BENCH_ROWS) without printing it (for benches that print their own line). */
export function appendRow(row: BenchRow): void {
  const file = process.env.AZB_BENCH_ROWS;
  if (file) {
    appendFileSync(file, `${JSON.stringify(row)}\n`);
  }
}

/** The one table, as Markdown (the README's Performance section shows it). */
export function formatTable(rows: readonly BenchRow[]): string {
  const fmt = (v: number, unit: string) => `${Math.abs(v) >= 100 || unit === 'KiB' ? v.toFixed(0) : v.toFixed(1)}`;
  const lines = ['| Measure | Goal | Median | Min | Max | Ratio vs baseline (same process) | Goal met |', '|---|---|---|---|---|---|---|'];
  for (const r of rows) {
    lines.push(`| ${r.measure} | ${r.goal || '—'} | ${fmt(r.median, r.unit)} ${r.unit} | ${fmt(r.min, r.unit)} | ${fmt(r.max, r.unit)} | ${r.ratio ?? '—'} | ${r.verdict || '—'} |`);
  }
  return lines.join('\n');
}

export function readRows(file: string): BenchRow[] {
  if (!existsSync(file)) {
    return [];
  }
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as BenchRow);
}

if (require.main === module) {
  const file = process.argv[2] ?? process.env.AZB_BENCH_ROWS;
  if (!file) {
    console.error('usage: node out/test/bench/benchTable.js ROWS.jsonl');
    process.exit(2);
  }
  console.log(formatTable(readRows(file)));
}
