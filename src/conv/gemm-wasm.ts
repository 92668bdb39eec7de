// The WebAssembly SIMD GEMM kernel (built by scripts/build-conv-wasm.mjs into gemm-wasm-binary.ts),
// instantiated synchronously, once per thread (each worker thread has its own instance and memory).
// Where WebAssembly SIMD is unavailable `wasmGemm()` returns null and the conv uses the TS GEMM.

import { MR, NR } from "./gemm.js";
import { GEMM_WASM_BASE64, GEMM_WASM_MR, GEMM_WASM_NR } from "./gemm-wasm-binary.js";

/** A tiny module using one SIMD instruction (v128.const + drop), to probe for support. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 23, 1, 21, 0, 253, 12, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 26, 11,
]);

export function wasmSimdSupported(): boolean {
  try {
    return typeof WebAssembly === "object" && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

export class WasmGemm {
  /** Rows of A per micro-kernel step (the wasm kernel's packing); columns per panel. */
  readonly mr = GEMM_WASM_MR;
  readonly nr = GEMM_WASM_NR;
  private readonly memory: WebAssembly.Memory;
  private readonly kernel: (
    a: number,
    panelsM: number,
    k: number,
    b: number,
    panelsN: number,
    c: number,
    ldc: number,
  ) => void;
  private view: Float32Array;

  constructor(bytes: Uint8Array<ArrayBuffer>) {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    this.memory = instance.exports.memory as WebAssembly.Memory;
    this.kernel = instance.exports[`gemm${this.mr}x${this.nr}`] as WasmGemm["kernel"];
    this.view = new Float32Array(this.memory.buffer);
    // A is packed by gemm.ts's packA and B filled by im2col.ts: the panel shapes must agree.
    if (this.mr !== MR || this.nr !== NR)
      throw new Error(`gemm-wasm: kernel ${this.mr}×${this.nr}, packing ${MR}×${NR}`);
  }

  /** The whole memory as floats, grown to at least `floats` (views taken before a grow go stale). */
  floats(floats: number): Float32Array {
    const bytes = floats * 4;
    if (this.memory.buffer.byteLength < bytes) {
      this.memory.grow(Math.ceil((bytes - this.memory.buffer.byteLength) / 65536));
      this.view = new Float32Array(this.memory.buffer);
    } else if (this.view.buffer !== this.memory.buffer) {
      this.view = new Float32Array(this.memory.buffer);
    }
    return this.view;
  }

  /**
   * C = A·B for A packed at float offset `a` (panelsM panels of mr rows, k-major), B at float
   * offset `b` (panelsN panels of nr columns, k-major); C at float offset `c`, `ldc` floats per
   * row, gets all panelsM·mr rows × panelsN·nr columns.
   */
  gemm(a: number, panelsM: number, k: number, b: number, panelsN: number, c: number, ldc: number): void {
    this.kernel(a * 4, panelsM, k, b * 4, panelsN, c * 4, ldc * 4);
  }
}

let instance: WasmGemm | null | undefined;

/** This thread's kernel, instantiated on first use; null without WebAssembly SIMD. */
export function wasmGemm(): WasmGemm | null {
  if (instance === undefined) {
    instance = null;
    if (wasmSimdSupported()) {
      try {
        instance = new WasmGemm(Uint8Array.from(atob(GEMM_WASM_BASE64), (ch) => ch.charCodeAt(0)));
      } catch {
        instance = null;
      }
    }
  }
  return instance;
}
