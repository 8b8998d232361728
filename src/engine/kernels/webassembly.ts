/**
 * The part of the WebAssembly JS API the gemm uses, typed here because
 * TypeScript declares the WebAssembly global only in its DOM library, which
 * this project does not load (and declaring it globally could clash with a
 * dependency's own partial declaration).
 */
export interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
  grow(deltaPages: number): number;
}

/** a compiled module: opaque, can be posted to a worker */
export type WasmModule = object;

export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

export interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number; shared: true }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: { env: { memory: WasmMemory } }) => WasmInstance;
  validate(bytes: Uint8Array): boolean;
}

/** the runtime's WebAssembly, or undefined where there is none */
export function webAssembly(): WasmApi | undefined {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  return typeof api === "object" && api !== null ? api : undefined;
}
