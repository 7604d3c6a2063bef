import type { FaceComparison, FaceEngine, LivenessCheck } from "./face-engine.ts";

/**
 * The test engine: deterministic results read from a JPEG comment segment (COM, 0xFFFE) of the image,
 * `edgekyc-test face=<identity> live=<0-100> [match=<0-10>]`. Two images of the same identity match at
 * level 10 (confidence 99), of different identities at 0, unless the probe names `match=<level>`. An
 * image without the comment has no face. Selected only when ENVIRONMENT is "test" and the image carries
 * the marker (see services.ts), so route tests do not load the face models; images without markers go to
 * the real engine.
 */
const MARKER = "edgekyc-test ";

interface FaceMarker {
  face: string | null;
  live: number;
  match: number | null;
}

/** The marker of a JPEG's first COM segment, or null when it has none. */
function readFaceMarker(image: Uint8Array): FaceMarker | null {
  if (image[0] !== 0xff || image[1] !== 0xd8) return null;
  let offset = 2;
  while (offset + 4 <= image.length && image[offset] === 0xff) {
    const type = image[offset + 1] as number;
    const length = ((image[offset + 2] as number) << 8) | (image[offset + 3] as number);
    if (type === 0xfe) {
      const text = new TextDecoder().decode(image.subarray(offset + 4, offset + 2 + length));
      if (!text.startsWith(MARKER)) return null;
      const fields = Object.fromEntries(
        text
          .slice(MARKER.length)
          .split(" ")
          .map((pair) => pair.split("=") as [string, string]),
      );
      const match = fields.match === undefined ? null : Number(fields.match);
      return {
        face: fields.face && fields.face !== "none" ? fields.face : null,
        live: Number(fields.live ?? 0),
        match: Number.isFinite(match) ? match : null,
      };
    }
    if (type === 0xda || type === 0xd9) return null;
    offset += 2 + length;
  }
  return null;
}

/** A tiny JPEG-shaped image carrying a marker (tests and the benchmark build their images with it). */
export function markerImage(marker: { face?: string; live?: number; match?: number }): Uint8Array {
  const parts = [`face=${marker.face ?? "none"}`, `live=${marker.live ?? 95}`];
  if (marker.match !== undefined) parts.push(`match=${marker.match}`);
  const text = new TextEncoder().encode(MARKER + parts.join(" "));
  const length = text.length + 2;
  return new Uint8Array([0xff, 0xd8, 0xff, 0xfe, length >> 8, length & 0xff, ...text, 0xff, 0xd9]);
}

export class MarkerFaceEngine implements FaceEngine {
  readonly name = "test-markers";

  async compare(probe: Uint8Array, reference: Uint8Array): Promise<FaceComparison> {
    const a = readFaceMarker(probe);
    const b = readFaceMarker(reference);
    const probeFaceFound = Boolean(a?.face);
    const referenceFaceFound = Boolean(b?.face);
    if (!probeFaceFound || !referenceFaceFound) {
      return { probeFaceFound, referenceFaceFound, matchLevel: 0, confidence: 0 };
    }
    const level = a?.match ?? (a?.face === b?.face ? 10 : 0);
    return { probeFaceFound, referenceFaceFound, matchLevel: level, confidence: levelToConfidence(level) };
  }

  /** The first frame must have a face; the weakest frame's liveness counts. */
  async liveness(frames: Uint8Array[]): Promise<LivenessCheck> {
    const markers = frames.map(readFaceMarker);
    const faceFound = Boolean(markers[0]?.face);
    const confidence = Math.min(...markers.map((m) => (m?.face ? m.live : 0)));
    return { faceFound, confidence: faceFound ? confidence : 0 };
  }
}

/** The marker engine's confidence for a level; the real engine maps from its calibrated score. */
function levelToConfidence(level: number): number {
  return level <= 0 ? 0 : Math.min(99, 40 + level * 6);
}

/** True when an image carries the test marker (it then goes to the marker engine in test runs). */
export function hasFaceMarker(image: Uint8Array): boolean {
  return readFaceMarker(image) !== null;
}
