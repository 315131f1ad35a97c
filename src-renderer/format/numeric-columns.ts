/** A cell that reads as a number ("3", "-0.25", "1e-3"); blanks and words do not. */
function isNumberText(cell: string): boolean {
  const text = cell.trim();
  return text !== '' && Number.isFinite(Number(text));
}

/**
 * For each of `columnCount` columns of text rows: whether it holds numbers (every non-blank cell
 * is one, and there is at least one), so the preview can right-align it. Missing cells are blanks.
 */
export function numericColumns(rows: readonly (readonly string[])[], columnCount: number): boolean[] {
  return Array.from({ length: columnCount }, (_, column) => {
    const cells = rows.map((row) => row[column] ?? '').filter((cell) => cell.trim() !== '');
    return cells.length > 0 && cells.every(isNumberText);
  });
}
