/**
 * A table as a full grid: formats that want every row to name each column (PDF, ODF) get, for each
 * cell a span covers, a covered slot in its place.
 */
import type { Node } from "@tiptap/pm/model";

export type Slot = { cell: Node; colspan: number; rowspan: number } | { covered: true };

export function tableGrid(table: Node): { rows: Slot[][]; columns: number } {
  const rows: Slot[][] = [];
  const covered = new Set<string>();
  table.forEach((row, _o, r) => {
    const slots: Slot[] = [];
    let col = 0;
    const skipCovered = () => {
      while (covered.has(`${r}:${col}`)) {
        slots.push({ covered: true });
        col++;
      }
    };
    row.forEach((cell) => {
      skipCovered();
      const colspan = Math.max(1, (cell.attrs.colspan as number) || 1);
      const rowspan = Math.max(1, (cell.attrs.rowspan as number) || 1);
      slots.push({ cell, colspan, rowspan });
      for (let dr = 0; dr < rowspan; dr++) for (let dc = 0; dc < colspan; dc++) if (dr || dc) covered.add(`${r + dr}:${col + dc}`);
      col++;
      for (let dc = 1; dc < colspan; dc++, col++) slots.push({ covered: true });
    });
    skipCovered();
    rows.push(slots);
  });
  const columns = Math.max(1, ...rows.map((r) => r.length));
  for (const row of rows) while (row.length < columns) row.push({ covered: true });
  return { rows, columns };
}
