/**
 * The fault matrix (issue 12): `faultMatrix` is the one registry of a test run (mocha loads every test file into one
 * process, so the files share it). A test file declares its cells and calls `faultMatrix.reportAtEnd('<layer>')`.
 */
import { FaultMatrix } from './registry';

export const faultMatrix = new FaultMatrix();
export { FAULT_COLUMNS, FAULT_ROWS, type FaultColumnId, type FaultRowId } from './matrix';
export type { Asserts, CellProbe } from './cellProbe';
