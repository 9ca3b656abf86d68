/**
 * Private brainstorming: what a card written while private mode is on looks like before it is
 * revealed, and the rules its fields keep. Such cards live in the server's database, never in the
 * board document, until the facilitator reveals them (private-reveal.ts); the browser and the
 * server both check input against the limits here.
 */
import { CARD_COLOURS, CARD_HEIGHT, CARD_WIDTH } from './cards.ts';
import { MAX_CARD_HEIGHT, MAX_CARD_WIDTH, MIN_CARD_HEIGHT, MIN_CARD_WIDTH } from './card-edits.ts';

/** Longest text a private card may hold, in characters. */
export const MAX_PRIVATE_TEXT_LENGTH = 2_000;
/** Most private cards one person may have waiting in one workshop. */
export const MAX_PRIVATE_CARDS_PER_PERSON = 100;
/** Furthest a card may sit from its lane's top-left, in board units (either way). */
export const MAX_PRIVATE_POSITION = 100_000;

/** A private card as its author sees it. */
export interface PrivateCard {
	/** 32 hex characters; the id the card keeps on the board once revealed. */
	id: string;
	pillar: string;
	x: number;
	y: number;
	width: number;
	height: number;
	colour: string;
	text: string;
	/** Milliseconds since the epoch. */
	createdAt: number;
}

/** The fields of a private card its author may set. */
export type PrivateCardFields = Pick<
	PrivateCard,
	'pillar' | 'x' | 'y' | 'width' | 'height' | 'colour' | 'text'
>;

/** What a check of input gives: the cleaned values, or a sentence saying what is wrong. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const ID = /^[0-9a-f]{32}$/;
const COLOUR = /^#[0-9a-f]{6}$/i;

/** Whether `id` has the shape of a card id (see newId in board-doc.ts). */
export function isCardId(id: unknown): id is string {
	return typeof id === 'string' && ID.test(id);
}

function wholeNumber(value: unknown, min: number, max: number): number | null {
	if (typeof value !== 'number' || !Number.isFinite(value)) return null;
	const rounded = Math.round(value);
	return rounded >= min && rounded <= max ? rounded : null;
}

type FieldCheck = (value: unknown) => Checked<unknown>;

const FIELD_CHECKS: Record<keyof PrivateCardFields, FieldCheck> = {
	pillar: (value) =>
		typeof value === 'string' && value !== '' && value.length <= 64
			? { ok: true, value }
			: { ok: false, message: 'Say which lane the card is in.' },
	x: position('x'),
	y: position('y'),
	width: (value) => size(value, MIN_CARD_WIDTH, MAX_CARD_WIDTH, 'width'),
	height: (value) => size(value, MIN_CARD_HEIGHT, MAX_CARD_HEIGHT, 'height'),
	colour: (value) =>
		typeof value === 'string' && COLOUR.test(value)
			? { ok: true, value: value.toLowerCase() }
			: { ok: false, message: 'A card colour is written #rrggbb.' },
	text: (value) => {
		if (typeof value !== 'string') return { ok: false, message: "A card's text must be text." };
		if (value.length > MAX_PRIVATE_TEXT_LENGTH) {
			return {
				ok: false,
				message: `A card holds at most ${MAX_PRIVATE_TEXT_LENGTH.toLocaleString('en-GB')} characters.`
			};
		}
		return { ok: true, value };
	}
};

function position(name: string): FieldCheck {
	return (value) => {
		const number = wholeNumber(value, 0, MAX_PRIVATE_POSITION);
		return number === null
			? {
					ok: false,
					message: `The card's ${name} must be a number from 0 to ${MAX_PRIVATE_POSITION}.`
				}
			: { ok: true, value: number };
	};
}

function size(value: unknown, min: number, max: number, name: string): Checked<unknown> {
	const number = wholeNumber(value, min, max);
	return number === null
		? { ok: false, message: `A card's ${name} must be from ${min} to ${max}.` }
		: { ok: true, value: number };
}

/**
 * Checks the fields a request sets on a private card. Unknown keys are refused (so a typo is not
 * silently ignored); with `partial`, missing fields are left out, else they take defaults.
 */
export function checkPrivateCardFields(
	input: unknown,
	partial: boolean
): Checked<Partial<PrivateCardFields>> {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		return { ok: false, message: 'Send the card as a JSON object.' };
	}
	const body = input as Record<string, unknown>;
	const unknown = Object.keys(body).find((key) => key !== 'id' && !(key in FIELD_CHECKS));
	if (unknown !== undefined) {
		return { ok: false, message: `A private card has no field "${unknown.slice(0, 40)}".` };
	}
	const defaults: Partial<PrivateCardFields> = partial
		? {}
		: { x: 0, y: 0, width: CARD_WIDTH, height: CARD_HEIGHT, colour: CARD_COLOURS[0], text: '' };
	const value: Record<string, unknown> = { ...defaults };
	for (const [key, check] of Object.entries(FIELD_CHECKS)) {
		if (body[key] === undefined) continue;
		const checked = check(body[key]);
		if (!checked.ok) return checked;
		value[key] = checked.value;
	}
	if (!partial && value.pillar === undefined) {
		return { ok: false, message: 'Say which lane the card is in.' };
	}
	return { ok: true, value: value as Partial<PrivateCardFields> };
}
