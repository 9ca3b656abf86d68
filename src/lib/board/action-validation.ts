/**
 * Reading what people type into an action's fields. Each reader turns text into the stored value
 * or refuses it with a sentence that says what to type instead; the plan page shows that sentence
 * next to the field and stores nothing, and the CSV import reports it against the row.
 */
import type { Action, IndicatorUnit } from './actions.ts';

/** A value read from input, or the sentence that says why it was refused. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const refuse = <T>(message: string): Checked<T> => ({ ok: false, message });

/** How each unit is named in sentences. */
const UNIT_WORDS: Record<IndicatorUnit, string> = {
	'%': 'a percentage, e.g. 25',
	'£': 'an amount in pounds, e.g. 20000',
	count: 'a whole number, e.g. 120',
	ha: 'an area in hectares, e.g. 4.5'
};

const NUMBER = /^[-−]?\d+(\.\d+)?$/;

/** A number as people write it: "1,200", "£20,000", "25%", "4.5 ha" (the unit is dropped). */
function parseNumber(input: string, unit: IndicatorUnit | null): number | null {
	let text = input.trim().replace(/,(?=\d{3}\b)/g, '');
	if (unit === '£' || unit === null) text = text.replace(/^([-−]?)£\s*/, '$1');
	if (unit === '%') text = text.replace(/\s*%$/, '');
	if (unit === 'ha') text = text.replace(/\s*ha$/i, '');
	if (!NUMBER.test(text)) return null;
	const value = Number(text.replace('−', '-'));
	return Number.isFinite(value) ? value : null;
}

/** An indicator's baseline or target for its unit; empty input means "not set". */
export function readFigure(
	input: string,
	unit: IndicatorUnit,
	what: 'baseline' | 'target'
): Checked<number | null> {
	if (input.trim() === '') return ok(null);
	const value = parseNumber(input, unit);
	const expected = UNIT_WORDS[unit];
	if (value === null) return refuse(`The ${what} must be a number: ${expected}.`);
	if (unit === 'count' && !Number.isInteger(value)) {
		return refuse(`The ${what} is a count, so it must be a whole number, e.g. 120.`);
	}
	if (unit !== '%' && value < 0) return refuse(`The ${what} cannot be below zero.`);
	return ok(value);
}

/** An estimated cost in pounds; empty means "not set". */
export function readCost(input: string): Checked<number | null> {
	if (input.trim() === '') return ok(null);
	const value = parseNumber(input, '£');
	if (value === null) return refuse('The estimated cost must be an amount in pounds, e.g. 25000.');
	if (value < 0) return refuse('The estimated cost cannot be below zero.');
	return ok(value);
}

/** Whether `YYYY-MM-DD` names a day that exists (no 31 June). */
function isRealDate(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return false;
	const [year, month, day] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/** A start or end date (ISO, `YYYY-MM-DD`); empty means "not set". */
export function readDate(input: string, what: string): Checked<string | null> {
	const text = input.trim();
	if (text === '') return ok(null);
	if (!isRealDate(text))
		return refuse(`The ${what} must be a date written as YYYY-MM-DD, e.g. 2026-04-01.`);
	return ok(text);
}

/** A baseline year: `2024`, or a financial year such as `2024/25`. */
export function readYear(input: string): Checked<string | null> {
	const text = input.trim();
	if (text === '') return ok(null);
	if (!/^(19|20)\d{2}(\/\d{2})?$/.test(text)) {
		return refuse(
			'The baseline year must be a year, e.g. 2024, or a financial year, e.g. 2024/25.'
		);
	}
	return ok(text);
}

/** When a target should be met: an ISO date or a year. */
export function readTargetDate(input: string): Checked<string | null> {
	const text = input.trim();
	if (text === '') return ok(null);
	if (/^(19|20)\d{2}$/.test(text) || isRealDate(text)) return ok(text);
	return refuse('The target date must be a year, e.g. 2028, or a date written as YYYY-MM-DD.');
}

/** Refuses an end date before the start date (either may be missing). */
export function checkDateOrder(startDate: string | null, endDate: string | null): string | null {
	if (startDate && endDate && endDate < startDate) {
		return `The end date cannot be before the start date (${startDate}).`;
	}
	return null;
}

/** A title must say something: the plan is read by people who were not in the room. */
export function checkTitle(title: string): string | null {
	return title.trim() === '' ? 'Give the action a title.' : null;
}

/**
 * Problems with an action as stored: concurrent edits on two machines can each be valid yet
 * together not (one person moves the start, another the end), so the page shows these too.
 */
export function actionProblems(action: Action): string[] {
	const problems: string[] = [];
	const dates = checkDateOrder(action.startDate, action.endDate);
	if (dates) problems.push(dates);
	return problems;
}
