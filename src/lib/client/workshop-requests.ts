/**
 * The browser's side of the workshop's JSON endpoints: the diagnosis (scores and the facilitator's
 * steps), revealing private cards and carrying the parking lot. Each answers with the server's
 * body, or with the sentence to show when the server refused or could not be reached.
 */
import { resolve } from '$app/paths';
import type { DiagnosisScale } from '$lib/board/diagnosis-scale';
import type { PillarScore } from '$lib/board/diagnosis';

/** What an endpoint answered: its body, or why not. */
export type Answer<T> = { ok: true; value: T } | { ok: false; message: string };

async function call<T>(path: string, method = 'GET', body?: unknown): Promise<Answer<T>> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			headers: body === undefined ? undefined : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		return {
			ok: false,
			message: 'The server could not be reached. Check the connection and try again.'
		};
	}
	const json = (await response.json().catch(() => null)) as (T & { message?: string }) | null;
	if (response.ok && json) return { ok: true, value: json };
	return {
		ok: false,
		message: json?.message ?? `The server answered ${response.status}; try again.`
	};
}

const diagnosisPath = (workshopId: string) =>
	resolve('/workshops/[id]/diagnosis', { id: workshopId });

/** Takes the diagnosis a step (facilitators). */
export function requestDiagnosisStep(
	workshopId: string,
	step: 'open' | 'close' | 'reveal' | 'show'
) {
	return call<{ status: string }>(diagnosisPath(workshopId), 'POST', { step });
}

/** Sets the diagnosis's scale (facilitators). */
export function requestDiagnosisScale(workshopId: string, scale: DiagnosisScale) {
	return call<{ scale: DiagnosisScale }>(diagnosisPath(workshopId), 'POST', { scale });
}

const scoresPath = (workshopId: string, partnerId: string) =>
	resolve('/workshops/[id]/diagnosis/scores/[partnerId]', { id: workshopId, partnerId });

/** A partner's scores (one's own before the reveal). */
export function requestScores(workshopId: string, partnerId: string) {
	return call<{ scores: PillarScore[] }>(scoresPath(workshopId, partnerId));
}

/** Saves one's own organisation's scores. */
export function requestSaveScores(
	workshopId: string,
	partnerId: string,
	scores: { pillar: string; score: number | null; note: string }[]
) {
	return call<{ scores: PillarScore[] }>(scoresPath(workshopId, partnerId), 'PUT', { scores });
}

/** Another workshop of the same place, as the parking lot's carry offers it. */
export interface CarryOption {
	workshopId: string;
	title: string;
	direction: 'from' | 'to';
	cards: number;
}

const parkingPath = (workshopId: string) => resolve('/workshops/[id]/parking', { id: workshopId });

/** The workshops parked cards can be carried from or to (facilitators). */
export function requestCarryOptions(workshopId: string) {
	return call<{ workshops: CarryOption[] }>(parkingPath(workshopId));
}

/** Carries parked cards from an earlier workshop, or to a later one (facilitators). */
export function requestCarry(
	workshopId: string,
	other: Pick<CarryOption, 'workshopId' | 'direction'>
) {
	return call<{ carried: number }>(parkingPath(workshopId), 'POST', {
		[other.direction]: other.workshopId
	});
}

/** Puts every private card on the board and turns private mode off (facilitators). */
export function requestPrivateReveal(workshopId: string) {
	return call<{ revealed: number; ids: string[] }>(
		resolve('/workshops/[id]/private-cards/reveal', { id: workshopId }),
		'POST'
	);
}
