/**
 * The access-matrix rows that modules contribute (each module keeps its rows
 * in its own `<module>.access-rows.ts`). Add one import and one spread here.
 */
import type { Row } from './access-matrix.support.ts';

export const MODULE_ROWS: Row[] = [];
