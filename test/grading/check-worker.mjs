// A check worker runs TypeScript: register tsx's loader in this thread, then start it.
import { register } from 'tsx/esm/api';

register();
await import('./check-worker.ts');
