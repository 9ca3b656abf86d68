/**
 * The diagnosis heat map: partners down the side, pillars across the top, each cell a partner's
 * self-score for a pillar in a colour AND a number (colour alone fails people who cannot tell the
 * shades apart, and a projector washes them out), with its evidence note. A calm single-hue
 * scale, light for the lowest score and deep for the highest, with text in whichever of two inks
 * reads best on it.
 */
import type { Partner } from './board-doc.ts';
import { scalePosition, type DiagnosisScale } from './diagnosis-scale.ts';
import type { PillarScore } from './diagnosis.ts';
import type { Pillar } from './pillars.ts';

/** Shades from the lowest score to the highest (ColorBrewer GnBu, five classes). */
export const HEAT_SHADES = ['#f0f9e8', '#bae4bc', '#7bccc4', '#43a2ca', '#0868ac'] as const;
/**
 * Inks for a cell's number: the one with the better contrast on the shade is used. Black, not a
 * softer dark: on the blended middle shades only black and white together guarantee 4.5:1.
 */
export const DARK_INK = '#000000';
export const LIGHT_INK = '#ffffff';

/** One partner's score for one pillar, ready to draw. */
export interface HeatCell {
	pillar: Pillar;
	/** Null: not scored. */
	score: number | null;
	note: string;
	/** Shade and ink (for an unscored cell: a neutral background). */
	background: string;
	foreground: string;
}

export interface HeatRow {
	partner: Partner;
	cells: HeatCell[];
}

/** An evidence note, for the list under the table. */
export interface HeatNote {
	partner: Partner;
	pillar: Pillar;
	score: number;
	note: string;
}

export interface HeatMap {
	pillars: Pillar[];
	rows: HeatRow[];
	/** Mean score per pillar (one decimal), in pillar order; null where nobody scored. */
	averages: (number | null)[];
	notes: HeatNote[];
}

function rgb(hex: string): [number, number, number] {
	const value = Number.parseInt(hex.slice(1), 16);
	return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function hex([r, g, b]: number[]): string {
	return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG relative luminance of a `#rrggbb` colour. */
export function luminance(colour: string): number {
	const [r, g, b] = rgb(colour).map((c) => {
		const s = c / 255;
		return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
	const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (light + 0.05) / (dark + 0.05);
}

/** The shade for a position on the scale (0 lowest, 1 highest), blended between HEAT_SHADES. */
export function heatShade(position: number): string {
	const at = Math.min(1, Math.max(0, position)) * (HEAT_SHADES.length - 1);
	const low = Math.floor(at);
	const high = Math.min(HEAT_SHADES.length - 1, low + 1);
	const [a, b] = [rgb(HEAT_SHADES[low]), rgb(HEAT_SHADES[high])];
	return hex(a.map((c, i) => c + (b[i] - c) * (at - low)));
}

/** The ink that reads best on a background. */
export function inkFor(background: string): string {
	return contrastRatio(background, DARK_INK) >= contrastRatio(background, LIGHT_INK)
		? DARK_INK
		: LIGHT_INK;
}

/** Background of a cell nobody scored. */
export const UNSCORED_SHADE = '#f4f5f7';

/**
 * The heat map of revealed scores: a row for every partner on the board, a column for every
 * pillar (in lane order). Scores for partners or pillars no longer on the board are left out.
 */
export function buildHeatMap(
	pillars: Pillar[],
	partners: Partner[],
	scores: PillarScore[],
	scale: DiagnosisScale
): HeatMap {
	const byCell = new Map(scores.map((score) => [`${score.partnerId} ${score.pillar}`, score]));
	const rows = partners.map((partner) => ({
		partner,
		cells: pillars.map((pillar): HeatCell => {
			const found = byCell.get(`${partner.id} ${pillar.key}`);
			if (!found) {
				return { pillar, score: null, note: '', background: UNSCORED_SHADE, foreground: DARK_INK };
			}
			const background = heatShade(scalePosition(scale, found.score));
			return {
				pillar,
				score: found.score,
				note: found.note,
				background,
				foreground: inkFor(background)
			};
		})
	}));
	const averages = pillars.map((_pillar, column) => {
		const given = rows.flatMap((row) => row.cells[column].score ?? []);
		if (given.length === 0) return null;
		return Math.round((given.reduce((sum, score) => sum + score, 0) / given.length) * 10) / 10;
	});
	const notes = rows.flatMap((row) =>
		row.cells.flatMap((cell) =>
			cell.score !== null && cell.note
				? [{ partner: row.partner, pillar: cell.pillar, score: cell.score, note: cell.note }]
				: []
		)
	);
	return { pillars, rows, averages, notes };
}
