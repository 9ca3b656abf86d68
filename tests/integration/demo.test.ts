import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.ts';

// Runs the real `npm run demo` entry (server/demo.ts) over the production build: `npm test` builds
// before it runs these tests.
const DEMO = fileURLToPath(new URL('../../server/demo.ts', import.meta.url));
const running: ChildProcess[] = [];
let dir: string;

afterEach(async () => {
	for (const child of running.splice(0)) {
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		await exited;
	}
	fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts the demo on a free port and resolves with everything it printed once it is serving. */
async function startDemo(databasePath: string): Promise<string> {
	const child = spawn(process.execPath, ['--import', 'tsx', DEMO], {
		env: { ...process.env, DATABASE_PATH: databasePath, PORT: '0', HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	running.push(child);
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	await waitFor(() => output.includes('Press Ctrl-C'), `the demo to serve:\n${output}`, 60_000);
	return output;
}

describe('npm run demo', () => {
	it('seeds the Kestrelford & Vale workshop and signs its facilitator in over plain http', async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pillarboard-demo-'));
		const output = await startDemo(path.join(dir, 'demo.db'));
		const passwords = [...output.matchAll(/Password\s+(\S+)/g)].map((match) => match[1]);
		expect(passwords).toHaveLength(3);
		const origin = /listening on (http:\/\/\S+)/.exec(output)![1];
		const board = /board: (\S+)/.exec(output)![1];

		const signIn = await fetch(`${origin}/login`, {
			method: 'POST',
			// As a browser posts the form without JavaScript.
			headers: {
				origin,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({
				email: 'facilitator@kestrelford.example',
				password: passwords[0]
			}),
			redirect: 'manual'
		});
		expect(signIn.status).toBe(303);
		const cookie = signIn.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^pillarboard_session=\w+;/);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).not.toMatch(/Secure/i);

		const headers = { cookie: cookie.split(';')[0] };
		const page = await fetch(board, { headers });
		expect(page.status).toBe(200);
		// The board itself is drawn in the browser; the page carries the workshop and its state.
		expect(await page.text()).toContain('Kestrelford &amp; Vale');
		const plan = await fetch(`${board}/plan`, { headers });
		expect(plan.status).toBe(200);
		const html = await plan.text();
		expect(html).toContain('Progressive procurement of goods and services');
		expect(html).toContain('Joint spend analysis of the top 300 suppliers');
	});

	it('reuses the demo database on a second run and prints no passwords again', async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pillarboard-demo-'));
		const file = path.join(dir, 'demo.db');
		await startDemo(file);
		const first = running.pop()!;
		const exited = new Promise((resolve) => first.once('exit', resolve));
		first.kill('SIGTERM');
		await exited;
		const again = await startDemo(file);
		expect(again).not.toMatch(/Password\s+\S+/);
		expect(again).toContain('facilitator@kestrelford.example');
	});
});
