// Module types that wrangler and the vitest plugin give binary imports (their default module rules).
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
declare module "*.bin" {
  const data: ArrayBuffer;
  export default data;
}
declare module "@cornerstonejs/codec-openjpeg/decodewasmjs" {
  const factory: (options: object) => Promise<unknown>;
  export default factory;
}
declare module "exifr/dist/mini.esm.mjs" {
  export function orientation(input: Uint8Array): Promise<number | undefined>;
}
declare module "*.jpg" {
  const data: ArrayBuffer;
  export default data;
}
declare module "*.wasm?module" {
  const module: WebAssembly.Module;
  export default module;
}
declare module "@cornerstonejs/codec-openjpeg/decodewasm" {
  const module: WebAssembly.Module;
  export default module;
}
