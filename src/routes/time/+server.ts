import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * The server's clock, so that browsers whose clocks are wrong still show the shared timer alike
 * (ServerClock in the client measures the offset from it).
 */
export const GET: RequestHandler = () =>
	json({ now: Date.now() }, { headers: { 'cache-control': 'no-store' } });
