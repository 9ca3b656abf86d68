import fs from 'node:fs';

/** Removes this run's database (and its WAL files). */
export default function globalTeardown(): void {
	const file = process.env.E2E_DATABASE_PATH;
	if (!file) return;
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}
