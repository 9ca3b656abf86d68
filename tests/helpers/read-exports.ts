/**
 * Reading exports back with real parsers, for the tests and the benchmark's sanity check: unzip
 * and XML for DOCX and XLSX, PDF.js for PDF text, csv-parse for CSV. Dev dependencies only.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';

type XmlNode = Record<string, unknown>;

const ordered = new XMLParser({
	preserveOrder: true,
	ignoreAttributes: false,
	trimValues: false,
	parseTagValue: false
});

function unzip(bytes: Uint8Array): Record<string, string> {
	const files = unzipSync(bytes);
	return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

/** Children of an ordered node (fast-xml-parser's preserveOrder shape). */
function children(node: XmlNode): XmlNode[] {
	const key = Object.keys(node).find((name) => name !== ':@');
	const value = key ? node[key] : undefined;
	return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function tag(node: XmlNode): string {
	return Object.keys(node).find((name) => name !== ':@') ?? '';
}

function attr(node: XmlNode, name: string): string | undefined {
	return (node[':@'] as Record<string, string> | undefined)?.[`@_${name}`];
}

/** All text under a node, from the given text tag (`w:t`, `t`). */
function textOf(node: XmlNode, textTag: string): string {
	if (tag(node) === '#text') return String(node['#text']);
	if (tag(node) === textTag)
		return children(node)
			.map((child) => String(child['#text'] ?? ''))
			.join('');
	return children(node)
		.map((child) => textOf(child, textTag))
		.join('');
}

function find(nodes: XmlNode[], name: string): XmlNode[] {
	const found: XmlNode[] = [];
	for (const node of nodes) {
		if (tag(node) === name) found.push(node);
		found.push(...find(children(node), name));
	}
	return found;
}

/** A Word document's body in order: headings (with their style) and table rows (cell texts). */
export function readDocx(
	bytes: Uint8Array
): (
	| { kind: 'heading'; style: string; text: string }
	| { kind: 'paragraph'; text: string }
	| { kind: 'row'; cells: string[] }
)[] {
	const xml = unzip(bytes)['word/document.xml'];
	const [body] = find(ordered.parse(xml) as XmlNode[], 'w:body');
	const out: ReturnType<typeof readDocx> = [];
	for (const node of children(body)) {
		if (tag(node) === 'w:p') {
			const [style] = find([node], 'w:pStyle');
			const text = textOf(node, 'w:t');
			const name = style ? attr(style, 'w:val') : undefined;
			out.push(
				name?.startsWith('Heading') || name === 'Title'
					? { kind: 'heading', style: name, text }
					: { kind: 'paragraph', text }
			);
		} else if (tag(node) === 'w:tbl') {
			for (const row of find([node], 'w:tr')) {
				out.push({ kind: 'row', cells: find([row], 'w:tc').map((cell) => textOf(cell, 'w:t')) });
			}
		}
	}
	return out;
}

/** A workbook's sheets by name, each as rows of cell texts (shared strings resolved). */
export function readXlsx(bytes: Uint8Array): Map<string, string[][]> {
	const files = unzip(bytes);
	const strings = find(
		ordered.parse(files['xl/sharedStrings.xml'] ?? '<sst/>') as XmlNode[],
		'si'
	).map((si) => textOf(si, 't'));
	const rels = find(
		ordered.parse(files['xl/_rels/workbook.xml.rels']) as XmlNode[],
		'Relationship'
	);
	const targets = new Map(rels.map((rel) => [attr(rel, 'Id'), attr(rel, 'Target')]));
	const sheets = new Map<string, string[][]>();
	for (const sheet of find(ordered.parse(files['xl/workbook.xml']) as XmlNode[], 'sheet')) {
		const target = String(targets.get(attr(sheet, 'r:id'))).replace(/^\/?(xl\/)?/, '');
		const xml = files[`xl/${target}`];
		const rows = find(ordered.parse(xml) as XmlNode[], 'row').map((row) => {
			const cells: string[] = [];
			for (const cell of find([row], 'c')) {
				const ref = attr(cell, 'r') ?? '';
				const column =
					[...ref.replace(/\d+/g, '')].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
				const [value] = find([cell], 'v');
				const inline = find([cell], 'is');
				const raw = value ? textOf(value, 'v') : inline.length > 0 ? textOf(inline[0], 't') : '';
				cells[column] = attr(cell, 't') === 's' ? strings[Number(raw)] : raw;
			}
			return Array.from(cells, (cell) => cell ?? '');
		});
		sheets.set(String(attr(sheet, 'name')), rows);
	}
	return sheets;
}

/** The text of every page of a PDF, through PDF.js (what a reader's copy and search see). */
export async function readPdfText(bytes: Uint8Array): Promise<string[]> {
	const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
	const document = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false })
		.promise;
	const pages: string[] = [];
	for (let number = 1; number <= document.numPages; number++) {
		const page = await document.getPage(number);
		const content = await page.getTextContent();
		pages.push(
			content.items
				.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
				.join('')
		);
	}
	await document.destroy();
	return pages;
}

/** A CSV export's rows as objects keyed by column name. */
export function readCsv(text: string): Record<string, string>[] {
	return parseCsv(text, { bom: true, columns: true, skip_empty_lines: true }) as Record<
		string,
		string
	>[];
}
