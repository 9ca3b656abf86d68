import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { initBoard, newId } from '$lib/board/board-doc';
import { addCard, deleteCard, getCard, setCardText } from '$lib/board/cards';
import { PrivateCards } from './private-cards.svelte';

interface Sent {
	method: string;
	url: string;
	body: Record<string, unknown> | null;
	keepalive?: boolean;
}

let sent: Sent[];
/** What the fake server answers next, by method (200 with the body echoed by default). */
let answers: Partial<Record<string, () => Response>>;

beforeEach(() => {
	vi.useFakeTimers();
	vi.stubGlobal('window', new EventTarget());
	sent = [];
	answers = {};
	vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
		const body = init.body ? (JSON.parse(init.body as string) as Record<string, unknown>) : null;
		sent.push({
			method: init.method ?? 'GET',
			url,
			body,
			...(init.keepalive && { keepalive: true })
		});
		const answer = answers[init.method ?? 'GET'];
		return answer ? answer() : Response.json({ card: body }, { status: 200 });
	});
});

afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

const author = { authorId: 'u1', authorName: 'Sam Partner', partnerId: null };

function setUp(initial: Parameters<typeof addCard>[1][] = []) {
	const board = new Y.Doc();
	initBoard(board, { title: 'T', place: 'P', preset: 'cles' });
	const cards = new PrivateCards(
		board,
		'w1',
		author,
		initial.map((card) => ({
			id: card.id ?? newId(),
			pillar: card.pillar,
			x: 0,
			y: 0,
			width: 240,
			height: 140,
			colour: '#fff4b8',
			text: card.text ?? '',
			createdAt: 1
		}))
	);
	return { board, cards };
}

/** Lets every queued request and its answer run (timers included). */
async function settle(): Promise<void> {
	await vi.runAllTimersAsync();
}

describe('PrivateCards', () => {
	it('saves a new card at once and its later changes once typing pauses, in order', async () => {
		const { cards } = setUp();
		const id = addCard(cards.doc, { pillar: 'spend' });
		setCardText(cards.doc, id, 'L');
		setCardText(cards.doc, id, 'Local');
		setCardText(cards.doc, id, 'Local food');
		await settle();
		expect(sent.map((request) => request.method)).toEqual(['POST', 'PATCH']);
		expect(sent[0]).toMatchObject({ url: '/workshops/w1/private-cards', body: { id } });
		expect(sent[1]).toMatchObject({
			url: `/workshops/w1/private-cards/${id}`,
			body: { id, pillar: 'spend', text: 'Local food' }
		});
		expect(Object.keys(sent[1].body!).sort()).toEqual(
			['colour', 'height', 'id', 'pillar', 'text', 'width', 'x', 'y'].sort()
		);
	});

	it('sends nothing for the cards the page came with, and deletes at once', async () => {
		const id = newId();
		const { cards } = setUp([{ id, pillar: 'land', text: 'Kept' }]);
		expect(cards.list().map((card) => [card.text, card.authorName])).toEqual([
			['Kept', 'Sam Partner']
		]);
		await settle();
		expect(sent).toEqual([]);
		deleteCard(cards.doc, id);
		await settle();
		expect(sent).toEqual([
			{ method: 'DELETE', url: `/workshops/w1/private-cards/${id}`, body: null }
		]);
	});

	it('sends a waiting change at once, to outlive the page, when the page goes away', async () => {
		const { cards } = setUp();
		const id = addCard(cards.doc, { pillar: 'spend' });
		await settle();
		setCardText(cards.doc, id, 'Last words');
		window.dispatchEvent(new Event('pagehide'));
		await vi.advanceTimersByTimeAsync(0);
		expect(sent.at(-1)).toMatchObject({
			method: 'PATCH',
			keepalive: true,
			body: { text: 'Last words' }
		});
	});

	it('takes a card the server will not keep off the board, and says why', async () => {
		const { cards } = setUp();
		const message = 'Private brainstorming is off now: your card goes on the board for all.';
		answers.POST = () => Response.json({ message }, { status: 409 });
		const id = addCard(cards.doc, { pillar: 'spend' });
		await settle();
		expect(cards.has(id)).toBe(false);
		expect(cards.problem).toBe(message);
		expect(sent.map((request) => request.method)).toEqual(['POST']);
	});

	it('tries again when the server cannot be reached, and says so meanwhile', async () => {
		const { cards } = setUp();
		let down = true;
		answers.POST = () => {
			if (down) throw new TypeError('Failed to fetch');
			return Response.json({}, { status: 201 });
		};
		addCard(cards.doc, { pillar: 'spend' });
		await vi.advanceTimersByTimeAsync(0);
		expect(cards.problem).toMatch(/could not be saved just now/);
		down = false;
		await settle();
		expect(sent.filter((request) => request.method === 'POST')).toHaveLength(2);
		expect(cards.problem).toBeNull();
	});

	it('drops its copy when the revealed card arrives, carrying over text not yet saved', async () => {
		const { board, cards } = setUp();
		const id = addCard(cards.doc, { pillar: 'spend', x: 20, y: 30 });
		await settle();
		setCardText(cards.doc, id, 'Typed just before the reveal');
		// The reveal arrives before the pending save went out.
		addCard(board, { id, pillar: 'spend', text: 'Typed just', authorId: 'u1' });
		expect(cards.has(id)).toBe(false);
		expect(getCard(board, id)!.text).toBe('Typed just before the reveal');
		await settle();
		expect(sent.map((request) => request.method)).toEqual(['POST']);
	});

	it('leaves a revealed card as the board has it when every change had been saved', async () => {
		const { board, cards } = setUp();
		const id = addCard(cards.doc, { pillar: 'spend' });
		setCardText(cards.doc, id, 'Saved');
		await settle();
		addCard(board, { id, pillar: 'spend', text: 'Saved' });
		setCardText(board, id, 'Saved, then edited by someone');
		expect(getCard(board, id)!.text).toBe('Saved, then edited by someone');
		expect(cards.list()).toEqual([]);
	});
});
