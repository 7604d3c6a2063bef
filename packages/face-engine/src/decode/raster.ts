/** Decoded pixels, 8-bit, interleaved RGB (3 channels) or grey (1 channel), rows top to bottom. */
export interface Raster {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array;
}
