// The playground's Web Worker: runs each posted RunConfig with the engine and posts back its
// outcome, so a heavy scenario never blocks the page; simulation-runner.ts stops this worker
// when it does not answer in time. Nothing else runs here.
import { execute, type SimulationRequest, type SimulationResponse } from './execute';

// The project compiles against the DOM library; a dedicated worker's scope is this much of it.
const scope = globalThis as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  postMessage(message: SimulationResponse): void;
};

function isRequest(data: unknown): data is SimulationRequest {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { id?: unknown }).id === 'number' &&
    typeof (data as { config?: unknown }).config === 'object'
  );
}

scope.addEventListener('message', (event) => {
  if (!isRequest(event.data)) return;
  scope.postMessage({ id: event.data.id, outcome: execute(event.data.config) });
});
