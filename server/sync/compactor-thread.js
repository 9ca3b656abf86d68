// Entry of the compaction worker thread (compactor.ts). A worker thread does not inherit the
// TypeScript loader of the process (node --import tsx, or Vite's), so this entry, plain
// JavaScript, registers tsx before loading the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./compactor-worker.ts');
