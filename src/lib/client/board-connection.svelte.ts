/**
 * The browser's live link to one board: a stock y-websocket provider on `/sync/<workshopId>`,
 * with its state (connection status, why the server refused us, who else is here) as runes so
 * that components re-render on their own. Edits made while offline stay in the tab's memory and
 * are sent when the connection returns (the sync handshake exchanges whatever is missing).
 */
import { invalidateAll } from '$app/navigation';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { readViewRect } from '$lib/canvas/follow';
import { sameRect, type Rect } from '$lib/canvas/geometry';

/** Where the connection stands, as a person would put it. */
export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'refused';

/**
 * Close codes after which reconnecting cannot help (server/sync/close-codes.ts), with the
 * sentence to show when the server sent no reason of its own.
 */
export const REFUSALS: Readonly<Record<number, string>> = {
	4401: 'Sign in to open this board.',
	4403: 'You are not a member of this workshop.',
	4404: 'There is no workshop with this id.',
	4500: "This board's stored data could not be loaded. Ask the facilitator to contact support."
};

/** Close code with which the server says this member's role changed (it reconnects by itself). */
const ROLE_CHANGED = 4001;

/**
 * Close code with which the server refuses an edit to a part of the board the facilitator has
 * locked (it was dropped). Reconnecting with the same document would send the same edit again,
 * and be refused again, for ever: the page must load the board afresh instead (`onLocked`).
 */
export const LOCKED = 4423;

/** The sentence for a lock refusal that came without a reason. */
export const LOCKED_REASON = 'The facilitator has locked this part of the board for now.';

/** Whether to reconnect after the server closed with `code`, on this same document. */
export function shouldReconnectAfter(code: number): boolean {
	return !isRefusal(code) && code !== LOCKED;
}

/** What a page may want to know about its connection beyond its status. */
export interface BoardConnectionEvents {
	/**
	 * The server refused one of this document's edits under a lock, with `reason` (a sentence).
	 * The connection stays closed: this document holds an edit the server will never take.
	 */
	onLocked?: (reason: string) => void;
}

/** Whether a close code means the server will not let us in, so retrying is pointless. */
export function isRefusal(code: number): boolean {
	return Object.hasOwn(REFUSALS, code);
}

/** Colours for presence dots: distinct from each other and readable on white. */
const PRESENCE_COLOURS = [
	'#1b6ca8',
	'#b0413e',
	'#2e7d4f',
	'#7b4fa0',
	'#a15c00',
	'#0f7c80',
	'#b03a7a',
	'#5a6a1e'
] as const;

const MAX_NAME_LENGTH = 80;
const ROLES = ['facilitator', 'partner', 'observer'] as const;

/** Who this browser is, as announced to everyone on the board. */
export interface BoardUser {
	id: string;
	name: string;
	role: (typeof ROLES)[number];
}

/** Someone present on the board (one entry per person, however many tabs they have open). */
export interface Peer extends BoardUser {
	colour: string;
	isSelf: boolean;
}

/** Someone else's pointer and selection on the board (one entry per tab). */
export interface RemoteCursor {
	clientId: number;
	peer: Peer;
	/** Where their pointer is, in board (world) units; null when it is off the board. */
	cursor: { x: number; y: number } | null;
	/** Ids of the cards they have selected. */
	selection: string[];
}

/** Pointer positions are sent at most this often (the server throttles presence to 10/s). */
const CURSOR_INTERVAL_MS = 120;
/** A leader's view is shared at most this often: smooth enough to follow, well under the limit. */
const VIEW_INTERVAL_MS = 150;
/** At most this many selected card ids are announced (presence states are size-limited). */
const MAX_ANNOUNCED_SELECTION = 200;

/** Reads a pointer position someone announced, or null. */
function readCursor(value: unknown): RemoteCursor['cursor'] {
	if (typeof value !== 'object' || value === null) return null;
	const { x, y } = value as Record<string, unknown>;
	return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x + y) ? { x, y } : null;
}

/** Reads a selection someone announced: card ids only. */
function readSelection(value: unknown): string[] {
	if (!Array.isArray(value)) return [];
	return value
		.filter((id): id is string => typeof id === 'string')
		.slice(0, MAX_ANNOUNCED_SELECTION);
}

function sameViews(a: ReadonlyMap<string, Rect>, b: ReadonlyMap<string, Rect>): boolean {
	if (a.size !== b.size) return false;
	for (const [id, view] of a) {
		const other = b.get(id);
		if (!other || !sameRect(view, other)) return false;
	}
	return true;
}

/** A presence colour picked steadily from a user id, so a person keeps their colour. */
export function presenceColour(userId: string): string {
	let hash = 0;
	for (let i = 0; i < userId.length; i++) hash = (hash * 33 + userId.charCodeAt(i)) >>> 0;
	return PRESENCE_COLOURS[hash % PRESENCE_COLOURS.length];
}

/** The websocket origin for a page origin: http → ws, https → wss. */
export function websocketOrigin(pageOrigin: string): string {
	return pageOrigin.replace(/^http/, 'ws');
}

/** Reads one awareness state defensively: any client can put anything there. */
function readPeer(state: Record<string, unknown>, selfId: string): Peer | null {
	const user = state.user;
	if (typeof user !== 'object' || user === null) return null;
	const { id, name, role } = user as Record<string, unknown>;
	if (typeof id !== 'string' || id === '' || typeof name !== 'string') return null;
	return {
		id,
		name: name.trim().slice(0, MAX_NAME_LENGTH) || 'Someone',
		role: (ROLES as readonly unknown[]).includes(role) ? (role as BoardUser['role']) : 'partner',
		// Derived here rather than trusted, so nobody can dress up as someone else's colour.
		colour: presenceColour(id),
		isSelf: id === selfId
	};
}

export class BoardConnection {
	/** Where the connection stands. */
	status = $state<ConnectionStatus>('connecting');
	/** Why the server refused this connection (a sentence), when `status` is 'refused'. */
	refusal = $state<{ code: number; reason: string } | null>(null);
	/** People on the board, you first, then by name. */
	peers = $state.raw<Peer[]>([]);
	/** Everyone else's pointers and selections, from their presence. */
	others = $state.raw<RemoteCursor[]>([]);
	/** The part of the board each person shares while others follow them, by user id. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole, never changed in place
	views = $state.raw<ReadonlyMap<string, Rect>>(new Map());

	readonly #provider: WebsocketProvider;
	readonly #user: BoardUser;
	#synced = false;
	#everSynced = false;
	#pendingCursor: RemoteCursor['cursor'] | undefined = undefined;
	#cursorTimer: ReturnType<typeof setTimeout> | null = null;
	#pendingView: Rect | null = null;
	#sharedView: Rect | null = null;
	#viewTimer: ReturnType<typeof setTimeout> | null = null;

	/**
	 * Connects `doc` to the board of `workshopId` and announces this browser in everyone's
	 * presence list. (Presence also keeps the socket alive: its renewal every 15 s comes back
	 * from the server, so y-websocket never sees 30 s of silence and reconnects needlessly.)
	 */
	constructor(
		doc: Y.Doc,
		workshopId: string,
		user: BoardUser,
		private readonly events: BoardConnectionEvents = {}
	) {
		this.#user = user;
		this.#provider = new WebsocketProvider(
			websocketOrigin(location.origin) + '/sync',
			workshopId,
			doc,
			{
				connect: false,
				// The server is the one authority on who may edit: no tab-to-tab shortcut around it.
				disableBc: true,
				shouldReconnect: (event) => shouldReconnectAfter(event.code)
			}
		);
		const awareness = this.#provider.awareness;
		awareness.setLocalState({ user: { ...user, colour: presenceColour(user.id) } });

		this.#provider.on('status', this.#onStatus);
		this.#provider.on('sync', this.#onSync);
		this.#provider.on('connection-close', this.#onClose);
		this.#provider.on('closed', this.#onRefused);
		awareness.on('change', this.#onPresence);
		window.addEventListener('online', this.#onBrowserOnline);
		window.addEventListener('offline', this.#onBrowserOffline);
		this.#onPresence();
		this.#provider.connect();
	}

	/** The shared awareness, for views that announce more than presence (see plan-presence). */
	get awareness() {
		return this.#provider.awareness;
	}

	/**
	 * Shares where my pointer is (board units), or null when it leaves the board. Sent at most
	 * every CURSOR_INTERVAL_MS, always ending with the latest position.
	 */
	setCursor(cursor: RemoteCursor['cursor']): void {
		this.#pendingCursor = cursor && { x: Math.round(cursor.x), y: Math.round(cursor.y) };
		this.#cursorTimer ??= setTimeout(() => {
			this.#cursorTimer = null;
			this.#provider.awareness.setLocalStateField('cursor', this.#pendingCursor ?? null);
		}, CURSOR_INTERVAL_MS);
	}

	/** Shares which cards I have selected, so others see them highlighted in my colour. */
	setSelection(ids: string[]): void {
		this.#provider.awareness.setLocalStateField('selection', ids.slice(0, MAX_ANNOUNCED_SELECTION));
	}

	/**
	 * Shares the part of the board I see (world units), for those who follow me, or null to stop.
	 * Sent at most every VIEW_INTERVAL_MS, always ending with the latest; unchanged views are not
	 * sent again.
	 */
	setView(view: Rect | null): void {
		this.#pendingView = view;
		this.#viewTimer ??= setTimeout(() => {
			this.#viewTimer = null;
			const next = this.#pendingView;
			const last = this.#sharedView;
			if (next === last || (next && last && sameRect(next, last))) return;
			this.#sharedView = next;
			this.#provider.awareness.setLocalStateField('view', next);
		}, VIEW_INTERVAL_MS);
	}

	/** Leaves the board: presence is withdrawn and the socket closed. */
	destroy(): void {
		if (this.#cursorTimer) clearTimeout(this.#cursorTimer);
		if (this.#viewTimer) clearTimeout(this.#viewTimer);
		window.removeEventListener('online', this.#onBrowserOnline);
		window.removeEventListener('offline', this.#onBrowserOffline);
		this.#provider.awareness.off('change', this.#onPresence);
		this.#provider.off('status', this.#onStatus);
		this.#provider.off('sync', this.#onSync);
		this.#provider.off('connection-close', this.#onClose);
		this.#provider.off('closed', this.#onRefused);
		// Withdrawing presence first tells everyone at once, rather than after the 30 s timeout.
		this.#provider.awareness.setLocalState(null);
		this.#provider.destroy();
		// The provider made this awareness, so it is ours to stop (it renews itself on a timer).
		this.#provider.awareness.destroy();
	}

	/** The status to show while not in sync with the server. */
	#notOnline(): ConnectionStatus {
		if (this.refusal) return 'refused';
		if (!navigator.onLine) return 'offline';
		return this.#everSynced ? 'reconnecting' : 'connecting';
	}

	#onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
		// "connected" only means the socket opened; the board is ours once the first sync lands.
		if (status !== 'connected' || !this.#synced) this.status = this.#notOnline();
	};

	#onSync = (synced: boolean) => {
		this.#synced = synced;
		if (synced) {
			this.#everSynced = true;
			this.status = 'online';
		} else {
			this.status = this.#notOnline();
		}
	};

	#onClose = (event: CloseEvent | null) => {
		this.#synced = false;
		this.status = this.#notOnline();
		// The server applied a new role and asks us to reconnect: re-read what we may do first.
		if (event?.code === ROLE_CHANGED) void invalidateAll();
	};

	/** The server refused us for good (see `shouldReconnect`): say why and stay disconnected. */
	#onRefused = ({ code, reason }: { code: number; reason: string }) => {
		if (code === LOCKED) {
			// Not a refusal of the board: of one edit. The page reloads it; until then, "reconnecting".
			this.#provider.disconnect();
			this.status = 'reconnecting';
			const sentence = reason || LOCKED_REASON;
			// A page that does not load the board afresh by itself is reloaded whole.
			if (this.events.onLocked) this.events.onLocked(sentence);
			else location.reload();
			return;
		}
		this.refusal = {
			code,
			reason: reason || REFUSALS[code] || 'The server refused this board.'
		};
		this.#provider.disconnect();
		this.status = 'refused';
	};

	#onPresence = () => {
		const peers: Peer[] = [];
		const others: RemoteCursor[] = [];
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built here, then only read
		const views = new Map<string, Rect>();
		const self = this.#provider.awareness.clientID;
		for (const [clientId, state] of this.#provider.awareness.getStates()) {
			const peer = readPeer(state, this.#user.id);
			if (peer && clientId !== self) {
				const selection = readSelection(state.selection);
				const cursor = readCursor(state.cursor);
				if (cursor || selection.length > 0) others.push({ clientId, peer, cursor, selection });
			}
			// The id is the server's stamp, so nobody can share a view as someone else.
			const view = peer && readViewRect(state.view);
			if (peer && view && !views.has(peer.id)) views.set(peer.id, view);
			// One entry per person, however many tabs they have open.
			if (peer && !peers.some((seen) => seen.id === peer.id)) peers.push(peer);
		}
		this.others = others;
		// Kept as it was when nobody's view moved, so followers do not re-run on every cursor.
		if (!sameViews(views, this.views)) this.views = views;
		this.peers = peers.sort(
			(a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name)
		);
	};

	#onBrowserOffline = () => {
		if (!this.refusal) this.status = 'offline';
	};

	#onBrowserOnline = () => {
		if (this.refusal) return;
		// The socket may have survived a short outage; if not, skip the rest of the back-off.
		this.status = this.#synced ? 'online' : this.#notOnline();
		this.#provider.connect();
	};
}
