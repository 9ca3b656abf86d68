/**
 * Instrumentation of the sync server through `node:diagnostics_channel`: free when nobody
 * subscribes, and available to tests and metrics without threading hooks through every layer.
 */
import diagnosticsChannel from 'node:diagnostics_channel';

/** What is published on `messageHandled` after a room has handled one frame. */
export interface MessageHandled {
	workshopId: string;
	/** Wall-clock time the handler took, in milliseconds (includes time the OS ran others). */
	ms: number;
	/** CPU time the process spent meanwhile, in milliseconds: the work the frame cost. */
	cpuMs: number;
	/** Whether the frame made the server close its connection. */
	rejected: boolean;
}

/** Published (as a MessageHandled) after each frame a room handles. */
export const messageHandled = diagnosticsChannel.channel('pillarboard:sync:message-handled');
