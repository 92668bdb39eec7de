// The fuzz worker's entry: TypeScript in a worker thread needs tsx registered in that thread.
import { register } from "tsx/esm/api";

register();
await import("./fuzz-worker.ts");
