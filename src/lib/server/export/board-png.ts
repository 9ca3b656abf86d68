/**
 * The board as PNG, drawn from the SVG export by resvg (@resvg/resvg-js: a Rust SVG renderer
 * whose prebuilt binary is an npm package, so there is no headless browser and no download
 * from elsewhere). Fonts come from our Inter files only, so the image is the same on every host.
 */
import { Resvg } from '@resvg/resvg-js';
import type { BoardPicture } from '../../board/board-export.ts';
import { renderBoardSvg } from './board-svg.ts';
import { FONT_FAMILY, FONT_FILES } from './fonts.ts';

/** Pixels per SVG unit: 2 gives a sharp picture on a projector and in print. */
const SCALE = 2;

export function renderBoardPng(board: BoardPicture): Buffer {
	const svg = renderBoardSvg(board);
	const resvg = new Resvg(svg, {
		fitTo: { mode: 'zoom', value: SCALE },
		font: {
			fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
			loadSystemFonts: false,
			defaultFontFamily: FONT_FAMILY
		}
	});
	return Buffer.from(resvg.render().asPng());
}
