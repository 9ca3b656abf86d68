/**
 * CSV as spreadsheets write it (RFC 4180): fields separated by commas, quoted with `"` when they
 * hold a comma, a quote or a line break, quotes doubled inside quotes; lines end in CRLF or LF;
 * Excel puts a byte-order mark first. Small enough to own rather than add a dependency.
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
		row.push(field);
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

/** One field, quoted when it needs to be. */
function quote(field: string): string {
	return /[",\r\n]/.test(field) || /^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Rows as CSV text with CRLF line ends (what spreadsheets expect). */
export function toCsv(rows: string[][]): string {
	return rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}
