// The worker entry when ParIndex runs from its TypeScript sources (vitest, tsx): a worker thread is
// plain Node and cannot load compute-worker.ts by itself, so tsx is registered in the thread first
// (as formats/read-worker-tsx.js does). The built server loads dist/modules/compute-worker.js.
import { register } from 'tsx/esm/api';

register();
const { default: compute } = await import('./compute-worker.ts');
export default compute;
