/**
 * Picks the fastest backend this machine has: the native addon where npm ci
 * could build it, else WebAssembly SIMD, else plain JavaScript. They all give
 * the same bits, so this only changes how long a reference takes.
 */
import { type Backend, backend, javascriptBackend, useBackend } from "./index.ts";
import { createNativeBackend } from "./native.ts";
import { disposeWasmBackend, initWasmBackend } from "./wasm.ts";

export interface FastBackendOptions {
  /** 2 by default where the machine has two cores */
  threads?: 1 | 2;
}

/** installs the fastest backend for the whole engine and returns it */
export async function initFastBackend(options: FastBackendOptions = {}): Promise<Backend> {
  const native = createNativeBackend(options);
  if (native !== undefined) {
    await disposeWasmBackend();
    useBackend(native);
    return native;
  }
  return initWasmBackend(options);
}

/** back to the JS backend, stopping any worker thread the WebAssembly backend started */
export async function disposeFastBackend(): Promise<void> {
  await disposeWasmBackend();
  if (backend().name.startsWith("native")) useBackend(javascriptBackend);
}
