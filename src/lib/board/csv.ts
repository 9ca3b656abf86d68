/**
 * CSV as spreadsheets write it (RFC 4180): fields separated by commas, quoted with `"` when they
 * hold a comma, a quote or a line break, quotes doubled inside quotes; lines end in CRLF or LF;
 * Excel puts a byte-order mark first. Small enough to own rather than add a dependency.
 *
 * Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a
 * formula, so a title a partner typed could run when a facilitator opens the export. Such a field
 * is written with a leading `'` (which spreadsheets show as text and hide), except a plain
 * negative number; parsing takes that `'` off again.
 */

/** A parsed file: its rows of fields, or the sentence that says where it went wrong. */
export type CsvResult = { ok: true; rows: string[][] } | { ok: false; message: string };

/** Parses CSV text into rows of fields. Blank lines are skipped. */
export function parseCsv(input: string): CsvResult {
	const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	let line = 1;
	let quoteLine = 0;
	const endField = () => {
		row.push(FORMULA_ESCAPED.test(field) ? field.slice(1) : field);
		field = '';
	};
	const endRow = () => {
		endField();
		if (row.length > 1 || row[0] !== '') rows.push(row);
		row = [];
	};
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (quoted) {
			if (char === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (char === '"') {
				quoted = false;
			} else {
				if (char === '\n') line++;
				field += char;
			}
		} else if (char === '"' && field === '') {
			quoted = true;
			quoteLine = line;
		} else if (char === ',') {
			endField();
		} else if (char === '\r' && text[i + 1] === '\n') {
			// CRLF: the LF ends the row.
		} else if (char === '\n' || char === '\r') {
			endRow();
			line++;
		} else {
			field += char;
		}
	}
	if (quoted) {
		return {
			ok: false,
			message: `A quoted field that starts on line ${quoteLine} is never closed: check for a missing ".`
		};
	}
	if (field !== '' || row.length > 0) endRow();
	return { ok: true, rows };
}

/** A field a spreadsheet would take for a formula (a negative number is just a number). */
const FORMULA = /^[=+\-@\t\r]/;
const NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;
/** A field written with the `'` that keeps it from being a formula. */
const FORMULA_ESCAPED = /^'[=+\-@\t\r]/;

/** One field, kept from being a formula and quoted when it needs to be. */
function quote(raw: string): string {
	const field = FORMULA.test(raw) && !NEGATIVE_NUMBER.test(raw) ? `'${raw}` : raw;
	return /[",\r\n]/.test(field) || /^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * Rows as CSV text the way spreadsheets read it best: a byte-order mark first (Excel reads
 * UTF-8 without one as Windows-1252, and £ or ŵ come out garbled), CRLF line ends.
 */
export function toCsv(rows: string[][]): string {
	return '\ufeff' + rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}
