/** The board as SVG: the pillar lanes side by side with their cards, as on the wall. */
import type { BoardPicture } from '../../board/board-export.ts';
import { FONT_FAMILY } from './fonts.ts';

const LANE_WIDTH = 300;
const LANE_GAP = 24;
const PADDING = 40;
const TITLE_HEIGHT = 90;
const LANE_HEADER = 64;
const CARD_GAP = 14;
const CARD_PADDING = 14;
const LINE_HEIGHT = 20;
const CHARS_PER_LINE = 30;
const MAX_LINES = 8;

function escapeXml(text: string): string {
	return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Breaks text into lines of at most CHARS_PER_LINE characters at spaces. */
export function wrapText(text: string, width = CHARS_PER_LINE, maxLines = MAX_LINES): string[] {
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of paragraph.split(/\s+/).filter(Boolean)) {
			if (line && [...line].length + 1 + [...word].length > width) {
				lines.push(line);
				line = word;
			} else {
				line = line ? `${line} ${word}` : word;
			}
		}
		lines.push(line);
	}
	if (lines.length > maxLines) {
		return [...lines.slice(0, maxLines - 1), `${lines[maxLines - 1]} …`];
	}
	return lines;
}

export function renderBoardSvg(board: BoardPicture): string {
	const parts: string[] = [];
	let tallest = 0;
	board.lanes.forEach((lane, index) => {
		const x = PADDING + index * (LANE_WIDTH + LANE_GAP);
		let y = PADDING + TITLE_HEIGHT + LANE_HEADER;
		const cards: string[] = [];
		for (const card of lane.cards) {
			const lines = wrapText(card.text || ' ');
			const height =
				CARD_PADDING * 2 + lines.length * LINE_HEIGHT + (card.partnerCode ? LINE_HEIGHT : 0);
			cards.push(
				`<g><rect x="${x + 12}" y="${y}" width="${LANE_WIDTH - 24}" height="${height}" rx="6" fill="${escapeXml(card.colour)}" stroke="#00000022"/>` +
					lines
						.map(
							(line, n) =>
								`<text x="${x + 12 + CARD_PADDING}" y="${y + CARD_PADDING + 15 + n * LINE_HEIGHT}" font-size="15" fill="#1b2430">${escapeXml(line)}</text>`
						)
						.join('') +
					(card.partnerCode
						? `<text x="${x + 12 + CARD_PADDING}" y="${y + CARD_PADDING + 15 + lines.length * LINE_HEIGHT}" font-size="12" font-weight="bold" fill="#4f5b6b">${escapeXml(card.partnerCode)}</text>`
						: '') +
					'</g>'
			);
			y += height + CARD_GAP;
		}
		tallest = Math.max(tallest, y);
		parts.push(
			`<g><rect x="${x}" y="${PADDING + TITLE_HEIGHT}" width="${LANE_WIDTH}" height="{{LANE_HEIGHT}}" rx="10" fill="#f4f6f9" stroke="#d9dee5"/>` +
				`<rect x="${x}" y="${PADDING + TITLE_HEIGHT}" width="${LANE_WIDTH}" height="6" fill="${escapeXml(lane.colour)}"/>` +
				wrapText(lane.label, 32, 2)
					.map(
						(line, n) =>
							`<text x="${x + 14}" y="${PADDING + TITLE_HEIGHT + 30 + n * 20}" font-size="16" font-weight="bold" fill="#1b2430">${escapeXml(line)}</text>`
					)
					.join('') +
				cards.join('') +
				'</g>'
		);
	});
	const laneHeight =
		Math.max(tallest, PADDING + TITLE_HEIGHT + LANE_HEADER + 40) - PADDING - TITLE_HEIGHT + 12;
	const width = PADDING * 2 + Math.max(1, board.lanes.length) * (LANE_WIDTH + LANE_GAP) - LANE_GAP;
	const height = PADDING + TITLE_HEIGHT + laneHeight + PADDING;
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}, 'Segoe UI', Arial, sans-serif">` +
		`<rect width="100%" height="100%" fill="#ffffff"/>` +
		`<text x="${PADDING}" y="${PADDING + 34}" font-size="30" font-weight="bold" fill="#1b2430">${escapeXml(board.title)}</text>` +
		`<text x="${PADDING}" y="${PADDING + 66}" font-size="18" fill="#4f5b6b">${escapeXml(board.place)}</text>` +
		parts.join('').replaceAll('{{LANE_HEIGHT}}', String(laneHeight)) +
		'</svg>\n'
	);
}
