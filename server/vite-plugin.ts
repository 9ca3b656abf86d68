/**
 * `npm run dev`: attaches the same sync server as production to Vite's HTTP server, so dev and
 * production run one code path. Vite's own HMR upgrades are left alone.
 */
import type { Plugin } from 'vite';
import { createDb, migrateDb } from '../src/lib/server/db/index.ts';
import { MIGRATIONS_FOLDER, readConfig } from './config.ts';
import { holdServerLock } from '../src/lib/server/db/server-lock.ts';
import { createSyncServer } from './sync/index.ts';
import { attachBoardVersions, saveSessionVersion } from './board-versions.ts';

export function syncDevPlugin(): Plugin {
	return {
		name: 'pillarboard-sync',
		apply: 'serve',
		configureServer(server) {
			const httpServer = server.httpServer;
			if (!httpServer || process.env.VITEST) return;
			const config = readConfig(process.env);
			const lock = holdServerLock(config.databasePath);
			const db = createDb(config.databasePath);
			migrateDb(db, MIGRATIONS_FOLDER);
			process.env.DATABASE_PATH = config.databasePath;
			const sync = createSyncServer({
				db,
				publicOrigin: config.origin,
				onRoomUnload: (room) => saveSessionVersion(db, room)
			});
			const detachVersions = attachBoardVersions(db, sync.rooms);
			httpServer.on('upgrade', (request, socket, head) => {
				sync.handleUpgrade(request, socket, head);
			});
			httpServer.on('close', () => {
				detachVersions();
				void sync.close().then(() => {
					db.$client.close();
					lock.release();
				});
			});
		}
	};
}
