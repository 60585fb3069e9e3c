import { FAULT_COLUMNS, FAULT_ROWS, type CellResult, type FaultColumnId, type FaultRowId } from './matrix';
import { CellProbe } from './cellProbe';
import { writeFaultMatrixReport } from './report';

interface DeclaredCell {
  row: FaultRowId;
  column: FaultColumnId;
  notApplicable?: string;
  test?: Mocha.Test;
  probe?: CellProbe;
  error?: unknown;
}

const key = (row: FaultRowId, column: FaultColumnId): string => `${column}|${row}`;

/**
 * The cells declared in one test run. Test files declare cells with `cell(...)` (a mocha test whose body asserts
 * through a CellProbe) or `notApplicable(...)` (a reason, no test); `reportAtEnd(source)` prints the matrix with its
 * counts after the run and writes test-output/fault-matrix.md.
 */
export class FaultMatrix {
  private readonly cells = new Map<string, DeclaredCell>();
  private reportSource: string | undefined;

  /** Declares a cell as a mocha test titled "<column> × <row>". Call inside a describe. */
  cell(row: FaultRowId, column: FaultColumnId, body: (cell: CellProbe) => Promise<void>, timeoutMs?: number): void {
    const declared = this.declare(row, column);
    const title = `${FAULT_COLUMNS.find((c) => c.id === column)!.label} × ${FAULT_ROWS.find((r) => r.id === row)!.label}`;
    declared.test = it(title, async function () {
      const probe = new CellProbe();
      declared.probe = probe;
      try {
        await body(probe);
        await probe.finish();
      } catch (error) {
        declared.error = error;
        throw error;
      }
    });
    if (timeoutMs !== undefined) {
      declared.test.timeout(timeoutMs);
    }
  }

  /** Declares a cell that cannot apply, with the reason (shown in the matrix). */
  notApplicable(row: FaultRowId, column: FaultColumnId, reason: string): void {
    if (reason.trim().length < 10) {
      throw new Error(`fault matrix: ${column} × ${row}: say why the cell cannot apply`);
    }
    this.declare(row, column).notApplicable = reason.trim();
  }

  /** Rows not declared (neither a test nor a reason) for a column. */
  missingRows(column: FaultColumnId): FaultRowId[] {
    return FAULT_ROWS.map((r) => r.id).filter((row) => !this.cells.has(key(row, column)));
  }

  /** Registers (once) a root `after` hook that prints and writes the matrix for this run, as `source` (e.g. "unit"). */
  reportAtEnd(source: string): void {
    if (this.reportSource !== undefined) {
      return;
    }
    this.reportSource = source;
    after(() => {
      const results = this.results();
      const summary = writeFaultMatrixReport(source, results);
      process.stdout.write(`\n${summary}\n`);
    });
  }

  results(): CellResult[] {
    return [...this.cells.values()].map((cell) => {
      const base = { row: cell.row, column: cell.column };
      if (cell.notApplicable !== undefined) {
        return { ...base, state: 'notApplicable', note: cell.notApplicable };
      }
      const state = cell.test?.state;
      const aspects = cell.probe?.aspects;
      return {
        ...base,
        state: state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'notRun',
        note: state === 'failed' ? firstLine(cell.error) ?? 'failed (timeout or hook)' : undefined,
        sees: aspects ? [...aspects.sees] : undefined,
        kept: aspects ? [...aspects.kept] : undefined,
        received: aspects ? [...aspects.received] : undefined,
      };
    });
  }

  private declare(row: FaultRowId, column: FaultColumnId): DeclaredCell {
    if (this.cells.has(key(row, column))) {
      throw new Error(`fault matrix: ${column} × ${row} is declared twice`);
    }
    const cell: DeclaredCell = { row, column };
    this.cells.set(key(row, column), cell);
    return cell;
  }
}

function firstLine(error: unknown): string | undefined {
  if (error === undefined) {
    return undefined;
  }
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 200);
}
