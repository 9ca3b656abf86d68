// Preload (node --import) of crash-during-compaction.ts: installs the crash in the main thread
// and in every worker thread, which runs preloads too but without the process's TypeScript
// loader, so tsx is registered here first.
import { register } from 'tsx/esm/api';

register();
await import('./compaction-crash.ts');
