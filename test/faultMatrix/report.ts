import * as fs from 'node:fs';
import * as path from 'node:path';
import { outputDir } from '../harness/paths';
import { FAULT_COLUMNS, FAULT_ROWS, type CellResult, type CellState } from './matrix';

const SYMBOL: Record<CellState, string> = { passed: '✔', failed: '✘', notApplicable: 'n/a', notRun: '–' };

/** "fault matrix: 32 cells, 26 passed, 6 not applicable" (failed / not run added when there are any). */
export function summaryLine(results: readonly CellResult[]): string {
  const count = (state: CellState) => results.filter((r) => r.state === state).length;
  const parts = [`${results.length} cells`, `${count('passed')} passed`];
  if (count('failed') > 0) {
    parts.push(`${count('failed')} failed`);
  }
  parts.push(`${count('notApplicable')} not applicable`);
  if (count('notRun') > 0) {
    parts.push(`${count('notRun')} not run`);
  }
  return `fault matrix: ${parts.join(', ')}`;
}

/** The matrix as a text table (rows × the columns that have cells), for the console. */
export function renderTable(results: readonly CellResult[]): string {
  const columns = FAULT_COLUMNS.filter((c) => results.some((r) => r.column === c.id));
  const width = Math.max(...FAULT_ROWS.map((r) => r.label.length));
  // Each column as wide as its label (at least 12), so that long labels ("remote login settings") keep the grid.
  const widths = columns.map((c) => Math.max(12, c.label.length));
  const head = `${''.padEnd(width)}  ${columns.map((c, i) => c.label.padEnd(widths[i]!)).join(' ')}`;
  const lines = FAULT_ROWS.map((row) => {
    const cells = columns.map((column, i) => {
      const result = results.find((r) => r.row === row.id && r.column === column.id);
      return (result ? SYMBOL[result.state] : '?').padEnd(widths[i]!);
    });
    return `${row.label.padEnd(width)}  ${cells.join(' ')}`;
  });
  return [head, ...lines].join('\n');
}

/** The matrix as Markdown: a table, then each cell's three assertions or its reason. */
export function renderMarkdown(results: readonly CellResult[], sources: readonly string[]): string {
  const columns = FAULT_COLUMNS.filter((c) => results.some((r) => r.column === c.id));
  const out = [
    '# Fault matrix',
    '',
    `${summaryLine(results)} (from the ${sources.join(', ')} run${sources.length > 1 ? 's' : ''}; rows and columns: test/faultMatrix/matrix.ts).`,
    '',
    `| fault | ${columns.map((c) => `${c.label} (${c.level})`).join(' | ')} |`,
    `|---|${columns.map(() => '---').join('|')}|`,
  ];
  for (const row of FAULT_ROWS) {
    const cells = columns.map((column) => {
      const result = results.find((r) => r.row === row.id && r.column === column.id);
      return result ? SYMBOL[result.state] : '? (not declared)';
    });
    out.push(`| ${row.label} | ${cells.join(' | ')} |`);
  }
  for (const column of columns) {
    out.push('', `## ${column.label} (${column.level})`, '');
    for (const row of FAULT_ROWS) {
      const result = results.find((r) => r.row === row.id && r.column === column.id);
      if (!result) {
        continue;
      }
      if (result.state === 'notApplicable') {
        out.push(`- **${row.label}**: not applicable: ${result.note}`);
        continue;
      }
      const aspects = (['sees', 'kept', 'received'] as const)
        .map((aspect) => `${aspect}: ${(result[aspect] ?? []).join('; ') || '—'}`)
        .join(' · ');
      out.push(`- **${row.label}** ${SYMBOL[result.state]}${result.note ? ` (${result.note})` : ''}: ${aspects}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * Writes this run's cells to test-output/fault-matrix/<source>.json, then test-output/fault-matrix.md from every
 * source's file (the unit run's client cells and a UI run's cells side by side). Returns the console text.
 */
export function writeFaultMatrixReport(source: string, results: readonly CellResult[]): string {
  const dir = path.join(outputDir, 'fault-matrix');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${source}.json`), `${JSON.stringify(results, null, 2)}\n`);
  const merged = new Map<string, CellResult>();
  const sources: string[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    sources.push(file.replace(/\.json$/, ''));
    for (const result of JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CellResult[]) {
      merged.set(`${result.column}|${result.row}`, result);
    }
  }
  fs.writeFileSync(path.join(outputDir, 'fault-matrix.md'), renderMarkdown([...merged.values()], sources));
  return `${renderTable(results)}\n${summaryLine(results)} (${path.relative(process.cwd(), path.join(outputDir, 'fault-matrix.md'))})`;
}
