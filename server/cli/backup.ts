/**
 * `pillarboard backup FILE` and `pillarboard restore FILE`: a consistent copy of the database
 * taken while the server runs, and putting one back while it does not.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
	backupDatabase,
	checkDatabaseFile,
	restoreDatabase
} from '../../src/lib/server/db/backup.ts';
import { ServerAlreadyRunning, isServerRunning } from '../../src/lib/server/db/server-lock.ts';
import { MIGRATIONS_FOLDER, readConfig } from '../config.ts';
import { CliError, type CliIo, type Command } from './io.ts';

function databasePathOf(io: CliIo): string {
	try {
		return readConfig(io.env).databasePath;
	} catch (error) {
		throw new CliError((error as Error).message);
	}
}

export const backupCommand: Command = {
	group: 'backup',
	name: null,
	summary:
		'Copy the database to FILE, safely while the server runs (edits made meanwhile are either wholly in the copy or not at all), then check the copy.',
	synopsis: 'pillarboard backup FILE',
	argument: { value: 'FILE', description: 'Where to write the backup; must not exist yet.' },
	options: {},
	async run(options, io) {
		const file = path.resolve(options.argument());
		const databasePath = databasePathOf(io);
		if (!fs.existsSync(databasePath)) {
			throw new CliError(`There is no database at ${databasePath} to back up.`);
		}
		if (fs.existsSync(file)) {
			throw new CliError(`${file} already exists; choose a new file name for the backup.`);
		}
		if (!fs.existsSync(path.dirname(file))) {
			throw new CliError(`The folder ${path.dirname(file)} does not exist.`);
		}
		try {
			await backupDatabase(databasePath, file);
		} catch (error) {
			throw new CliError(`The backup failed: ${(error as Error).message}.`);
		}
		const check = checkDatabaseFile(file, MIGRATIONS_FOLDER);
		if (!check.ok) {
			throw new CliError('The backup was written but does not check out:', 1, check.problems);
		}
		const size = (fs.statSync(file).size / 1024 / 1024).toFixed(1);
		io.out(
			`Backed up ${databasePath} to ${file} (${size} MB, ${check.workshops} workshops); it passes SQLite's integrity check.`
		);
		io.out(file);
	}
};

export const restoreCommand: Command = {
	group: 'restore',
	name: null,
	summary:
		'Replace the database with the backup FILE after checking it. Refuses while a server is running on the database; the replaced database is kept beside it.',
	synopsis: 'pillarboard restore FILE',
	argument: { value: 'FILE', description: 'A backup made with "pillarboard backup".' },
	options: {},
	async run(options, io) {
		const file = path.resolve(options.argument());
		const databasePath = databasePathOf(io);
		if (file === databasePath) {
			throw new CliError('That file is the database itself; name a backup file.');
		}
		const check = checkDatabaseFile(file, MIGRATIONS_FOLDER);
		if (!check.ok) {
			throw new CliError(`${file} is not a usable backup; nothing was changed.`, 1, check.problems);
		}
		const refusal = `A Pillarboard server is running on ${databasePath}: stop it first, then restore. Nothing was changed.`;
		if (isServerRunning(databasePath)) throw new CliError(refusal);
		let keptAs: string | null;
		try {
			keptAs = await restoreDatabase(file, databasePath);
		} catch (error) {
			if (error instanceof ServerAlreadyRunning) throw new CliError(refusal);
			throw new CliError(`The restore failed: ${(error as Error).message}.`);
		}
		io.out(
			`Restored ${databasePath} from ${file} (${check.workshops} workshops).` +
				(keptAs ? ` The database it replaced is kept as ${keptAs}.` : '')
		);
	}
};
