/**
 * The board as a picture model: lanes with their cards, in the order people see them. The SVG
 * and PNG exports draw only this, so when the board's layout changes (an infinite canvas) only
 * this mapping and the drawing change, not the export routes.
 */
import type * as Y from 'yjs';
import { listPartners, listPillars, readMeta } from './board-doc.ts';
import { listCards } from './cards.ts';

export interface BoardPictureCard {
	text: string;
	colour: string;
	/** Short code of the author's organisation, if any. */
	partnerCode: string | null;
}

export interface BoardPicture {
	title: string;
	place: string;
	lanes: { key: string; label: string; colour: string; cards: BoardPictureCard[] }[];
}

export function buildBoardPicture(doc: Y.Doc): BoardPicture {
	const meta = readMeta(doc);
	const codes = new Map(listPartners(doc).map((partner) => [partner.id, partner.code]));
	const cards = listCards(doc);
	return {
		title: meta.title,
		place: meta.place,
		lanes: listPillars(doc).map((pillar) => ({
			key: pillar.key,
			label: pillar.label,
			colour: pillar.colour,
			cards: cards
				.filter((card) => card.pillar === pillar.key)
				.map((card) => ({
					text: card.text,
					colour: card.colour,
					partnerCode: card.partnerId ? (codes.get(card.partnerId) ?? null) : null
				}))
		}))
	};
}
