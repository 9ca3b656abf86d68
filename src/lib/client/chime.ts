/**
 * The soft tone a timer may end with, and each person's choice of hearing it (kept in this
 * browser, off unless they switch it on: a room full of laptops chiming at once is not calm).
 */
const STORAGE_KEY = 'pillarboard:timer-chime';

/** Whether this browser's person wants the chime. */
export function readChimePreference(): boolean {
	try {
		return localStorage.getItem(STORAGE_KEY) === 'on';
	} catch {
		return false;
	}
}

/** Remembers the choice in this browser. */
export function saveChimePreference(on: boolean): void {
	try {
		localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
	} catch {
		// Storage refused (private window): the choice lasts for this page only.
	}
}

/** Plays two quiet, falling sine tones (no file to load); silent where audio is unavailable. */
export function playChime(): void {
	try {
		const audio = new AudioContext();
		const tones = [
			{ frequency: 660, at: 0 },
			{ frequency: 523.25, at: 0.45 }
		];
		for (const { frequency, at } of tones) {
			const oscillator = audio.createOscillator();
			const gain = audio.createGain();
			oscillator.type = 'sine';
			oscillator.frequency.value = frequency;
			const start = audio.currentTime + at;
			gain.gain.setValueAtTime(0, start);
			gain.gain.linearRampToValueAtTime(0.12, start + 0.05);
			gain.gain.exponentialRampToValueAtTime(0.0001, start + 1.2);
			oscillator.connect(gain).connect(audio.destination);
			oscillator.start(start);
			oscillator.stop(start + 1.3);
		}
		setTimeout(() => void audio.close(), 2_000);
	} catch {
		// No audio here: the soft colour says it anyway.
	}
}
