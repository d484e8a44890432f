// The worker entry when ParIndex runs from its TypeScript sources (vitest, tsx): a worker thread is
// plain Node and cannot load read-worker.ts by itself, so tsx is registered in the thread first.
// The built server and CLI load dist/formats/read-worker.js directly and never use this file.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./read-worker.ts');
export default worker.default;
export const readLineageList = worker.readLineageList;
