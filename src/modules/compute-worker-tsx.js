// The worker entry when ParIndex runs from its TypeScript sources (vitest, tsx): a worker thread is
// plain Node and cannot load ranking-worker.ts by itself, so tsx is registered in the thread first
// (as formats/read-worker-tsx.js does). The built server loads dist/modules/ranking-worker.js.
import { register } from 'tsx/esm/api';

register();
const { default: rank } = await import('./ranking-worker.ts');
export default rank;
