/**
 * Measuring the canvas inside the page. Each animation frame gets one input (a trackpad-style
 * pan or a pinch-style zoom, dispatched as the wheel events the canvas listens to, or one step of
 * a drag with the middle button, which pans whatever is under the pointer), so every
 * frame measured did real work; the frame time is the gap between one frame and the next, with
 * Chromium's frame-rate limit off, so it is the cost of the frame rather than the display's
 * refresh interval.
 */
import type { Page } from '@playwright/test';

export type Gesture = 'pan' | 'zoom' | 'drag';

/** Frame times (ms) over `frames` frames of a gesture, and in how many the board moved. */
export async function measureGesture(page: Page, gesture: Gesture, frames: number) {
	return page.evaluate(
		({ gesture, frames }) =>
			new Promise<{ times: number[]; moved: number }>((resolve) => {
				const canvas = document.querySelector<HTMLElement>('[aria-label="Board canvas"]')!;
				const world = canvas.querySelector<HTMLElement>(':scope > div')!;
				let transform = world.style.transform;
				let moved = 0;
				const bounds = canvas.getBoundingClientRect();
				const times: number[] = [];
				let last: number | null = null;
				let frame = 0;
				const step = (now: number) => {
					if (last !== null) times.push(now - last);
					last = now;
					if (world.style.transform !== transform) moved++;
					transform = world.style.transform;
					if (frame >= frames) return resolve({ times, moved });
					// Pan down the lanes and back up, drifting sideways; zoom out and back in.
					const phase = Math.floor(frame / 120) % 2 === 0 ? 1 : -1;
					if (gesture === 'drag') {
						const type =
							frame === 0 ? 'pointerdown' : frame === frames - 1 ? 'pointerup' : 'pointermove';
						canvas.dispatchEvent(
							new PointerEvent(type, {
								pointerId: 1,
								pointerType: 'mouse',
								isPrimary: true,
								button: type === 'pointermove' ? -1 : 1,
								buttons: type === 'pointerup' ? 0 : 4,
								clientX: bounds.left + bounds.width / 2 + Math.sin(frame / 15) * 60,
								clientY: bounds.top + bounds.height / 2 + ((frame % 120) - 60) * 4 * -phase,
								bubbles: true,
								cancelable: true
							})
						);
						frame++;
						requestAnimationFrame(step);
						return;
					}
					const init: WheelEventInit =
						gesture === 'pan'
							? {
									deltaX: Math.round(Math.sin(frame / 15) * 14) || 1,
									deltaY: 45 * phase,
									deltaMode: 0
								}
							: { deltaY: 14 * phase, deltaMode: 0, ctrlKey: true };
					canvas.dispatchEvent(
						new WheelEvent('wheel', {
							...init,
							clientX: bounds.left + bounds.width * (0.3 + 0.4 * ((frame % 50) / 50)),
							clientY: bounds.top + bounds.height / 2,
							bubbles: true,
							cancelable: true
						})
					);
					frame++;
					requestAnimationFrame(step);
				};
				requestAnimationFrame(step);
			}),
		{ gesture, frames }
	);
}

/** Installs, before the page loads, a probe noting when the board is interactive. */
export async function probeInteractive(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const check = () => {
			const ready =
				document.body?.dataset.hydrated === 'true' && document.querySelector('[data-card-id]');
			if (!ready) return false;
			(window as unknown as { __interactiveAt: number }).__interactiveAt = performance.now();
			return true;
		};
		const observer = new MutationObserver(() => {
			if (check()) observer.disconnect();
		});
		observer.observe(document, { subtree: true, childList: true, attributes: true });
	});
}
