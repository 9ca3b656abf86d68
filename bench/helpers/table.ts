/** Printing results as Markdown tables, so that a run can be pasted into docs/performance.md. */

/** Renders rows (all cells already strings) under a header as an aligned Markdown table. */
export function markdownTable(header: string[], rows: string[][]): string {
	const widths = header.map((title, column) =>
		Math.max(title.length, 3, ...rows.map((row) => (row[column] ?? '').length))
	);
	const line = (cells: string[]) =>
		`| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	return [
		line(header),
		`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
		...rows.map(line)
	].join('\n');
}
