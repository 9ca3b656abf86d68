import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';

/** A stand-in for y-websocket's provider: records what the connection does, emits what we say. */
class FakeProvider {
	static last: FakeProvider;
	readonly handlers = new Map<string, ((...args: unknown[]) => void)[]>();
	readonly awareness = {
		clientID: 1,
		setLocalState: vi.fn(),
		setLocalStateField: vi.fn(),
		getStates: () => new Map(),
		on: vi.fn(),
		off: vi.fn(),
		destroy: vi.fn()
	};
	readonly connect = vi.fn();
	readonly disconnect = vi.fn();
	readonly destroy = vi.fn();
	constructor(
		readonly url: string,
		readonly room: string,
		readonly doc: Y.Doc,
		readonly options: { shouldReconnect: (event: { code: number }) => boolean }
	) {
		FakeProvider.last = this;
	}
	on(name: string, handler: (...args: unknown[]) => void) {
		this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
	}
	off() {}
	emit(name: string, ...args: unknown[]) {
		for (const handler of this.handlers.get(name) ?? []) handler(...args);
	}
}

vi.mock('y-websocket', () => ({ WebsocketProvider: FakeProvider }));
const invalidateAll = vi.fn();
vi.mock('$app/navigation', () => ({ invalidateAll }));

const { BoardConnection, LOCKED, LOCKED_REASON, shouldReconnectAfter } =
	await import('./board-connection.svelte');

const user = { id: 'u1', name: 'Pat', role: 'partner' as const };
const reload = vi.fn();

beforeEach(() => {
	vi.stubGlobal('window', new EventTarget());
	vi.stubGlobal('navigator', { onLine: true });
	vi.stubGlobal('location', { origin: 'http://localhost', reload });
	reload.mockClear();
});

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('reconnecting after the server closes', () => {
	it('retries after a role change, a restart or an out-of-order update, but not after a lock refusal or a refusal of the board', () => {
		expect([4001, 4002, 1012, 1013, 1006].every(shouldReconnectAfter)).toBe(true);
		expect([LOCKED, 4401, 4403, 4404, 4500].some(shouldReconnectAfter)).toBe(false);
	});

	it('hands a lock refusal to the page with its reason, stays disconnected and does not count it as a refusal of the board', () => {
		const onLocked = vi.fn();
		const connection = new BoardConnection(new Y.Doc(), 'w1', user, { onLocked });
		const provider = FakeProvider.last;
		expect(provider.options.shouldReconnect({ code: LOCKED })).toBe(false);

		const reason = 'The facilitator has locked the Spend lane for now.';
		provider.emit('connection-close', { code: LOCKED, reason });
		provider.emit('closed', { code: LOCKED, reason });

		expect(onLocked).toHaveBeenCalledExactlyOnceWith(reason);
		expect(provider.disconnect).toHaveBeenCalled();
		expect(connection.refusal).toBeNull();
		expect(connection.status).toBe('reconnecting');
		expect(reload).not.toHaveBeenCalled();
		connection.destroy();
	});

	it('says something when the server gave no reason, and reloads a page that handles no lock refusals', () => {
		const onLocked = vi.fn();
		new BoardConnection(new Y.Doc(), 'w1', user, { onLocked });
		FakeProvider.last.emit('closed', { code: LOCKED, reason: '' });
		expect(onLocked).toHaveBeenCalledWith(LOCKED_REASON);

		new BoardConnection(new Y.Doc(), 'w1', user);
		FakeProvider.last.emit('closed', { code: LOCKED, reason: 'Locked.' });
		expect(reload).toHaveBeenCalledOnce();
	});

	it('still shows a refusal of the board (4403) as one', () => {
		const onLocked = vi.fn();
		const connection = new BoardConnection(new Y.Doc(), 'w1', user, { onLocked });
		FakeProvider.last.emit('closed', {
			code: 4403,
			reason: 'You are not a member of this workshop.'
		});
		expect(onLocked).not.toHaveBeenCalled();
		expect(connection.status).toBe('refused');
		expect(connection.refusal?.code).toBe(4403);
	});
});
