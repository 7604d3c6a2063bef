// `npm run kyc -- face <command>`: the face engine's calibration and test fixtures. Both run the engine in
// the Workers runtime (apps/face-engine under `wrangler dev`, development routes) and only measure here.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "../apps.ts";
import { base64, startFaceEngineDev } from "../face-engine-dev.ts";
import {
  decodeJpeg,
  encodeJ2k,
  encodeJpeg,
  encodeWebp,
  jp2File,
  type Rgba,
  VARIANTS,
  variant,
  variantJpeg,
} from "../face-images.ts";

const CALIBRATION_DIR = join(repoRoot, "packages/face-engine/calibration");
const FIXTURES_DIR = join(repoRoot, "apps/face-engine/test/fixtures");

const HELP = `usage: npm run kyc -- face <command>

  calibrate [--write]   embeds every calibration face and its variants, prints the score distributions and
                        FAR/FRR per threshold; --write puts the table into packages/face-engine/calibration/README.md
  fixtures              regenerates apps/face-engine/test/fixtures from the calibration faces`;

interface Labels {
  faces: string[];
  samePersonAcrossPhotos: [string, string][];
}

interface Pair {
  kind: "same-capture variant" | "same person, two photos" | "different people, one photo";
  name: string;
  similarity: number;
}

const faceFile = (name: string) => readFileSync(join(CALIBRATION_DIR, "faces", `${name}.jpg`));
const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] as number), 0);

async function calibrate(write: boolean): Promise<number> {
  const labels = JSON.parse(readFileSync(join(CALIBRATION_DIR, "labels.json"), "utf8")) as Labels;
  const engine = await startFaceEngineDev();
  const embeddings = new Map<string, number[]>();
  const unusable: string[] = [];
  try {
    for (const face of labels.faces) {
      const bytes = faceFile(face);
      const images: [string, Uint8Array][] = [
        [face, bytes],
        ...VARIANTS.map((v) => [`${face}:${v}`, variantJpeg(bytes, v)] as [string, Uint8Array]),
      ];
      for (const [name, image] of images) {
        const { status, json } = await engine.post<{
          analysis: { status: string; embedding: number[] | null };
        }>("analyse", { image: base64(image) });
        if (status !== 200) throw new Error(`${name}: HTTP ${status} ${JSON.stringify(json)}`);
        if (json.analysis.embedding) embeddings.set(name, json.analysis.embedding);
        else unusable.push(`${name} (${json.analysis.status})`);
      }
      process.stderr.write(".");
    }
  } finally {
    await engine.stop();
  }
  process.stderr.write("\n");
  const pairs: Pair[] = [];
  const add = (kind: Pair["kind"], a: string, b: string) => {
    const ea = embeddings.get(a);
    const eb = embeddings.get(b);
    if (ea && eb) pairs.push({ kind, name: `${a} ~ ${b}`, similarity: cosine(ea, eb) });
  };
  for (const face of labels.faces)
    for (const v of VARIANTS) add("same-capture variant", face, `${face}:${v}`);
  for (const [a, b] of labels.samePersonAcrossPhotos) add("same person, two photos", a, b);
  for (let i = 0; i < labels.faces.length; i++) {
    for (let j = i + 1; j < labels.faces.length; j++) {
      const [a, b] = [labels.faces[i] as string, labels.faces[j] as string];
      if (a.split("-")[0] === b.split("-")[0]) add("different people, one photo", a, b);
    }
  }
  const report = renderReport(pairs, unusable);
  console.log(report);
  if (write) {
    const file = join(CALIBRATION_DIR, "README.md");
    const text = readFileSync(file, "utf8");
    const start = "<!-- calibration:start -->";
    const end = "<!-- calibration:end -->";
    if (!text.includes(start) || !text.includes(end))
      throw new Error(`${file} lacks the ${start}/${end} markers`);
    writeFileSync(
      file,
      `${text.slice(0, text.indexOf(start) + start.length)}\n${report}\n${text.slice(text.indexOf(end))}`,
    );
    console.error(`written to ${file}`);
  }
  return 0;
}

function renderReport(pairs: Pair[], unusable: string[]): string {
  const groups = ["same-capture variant", "same person, two photos", "different people, one photo"] as const;
  const stats = (values: number[]) => {
    const v = [...values].sort((a, b) => a - b);
    const at = (q: number) => (v[Math.min(v.length - 1, Math.floor(q * v.length))] as number).toFixed(3);
    return v.length === 0
      ? "| – | – | – | – |"
      : `| ${(v[0] as number).toFixed(3)} | ${at(0.5)} | ${(v.at(-1) as number).toFixed(3)} |`;
  };
  const lines = [
    `Command: \`npm run kyc -- face calibrate --write\` (${new Date().toISOString().slice(0, 10)}).`,
    "",
    "| pairs | n | min | median | max |",
    "| --- | --- | --- | --- | --- |",
    ...groups.map((g) => {
      const values = pairs.filter((p) => p.kind === g).map((p) => p.similarity);
      return `| ${g} | ${values.length} ${stats(values)}`;
    }),
    "",
    `Images without a usable face (left out): ${unusable.length === 0 ? "none" : unusable.join(", ")}.`,
    "",
    "FAR = share of different-people pairs at or above the threshold; FRR = share of same-person pairs",
    "(variants and the two-photo pair) below it. Cosine similarity of faceres embeddings.",
    "",
    "| threshold | FAR | FRR (all same) | FRR (two photos) |",
    "| --- | --- | --- | --- |",
  ];
  const same = pairs.filter((p) => p.kind !== "different people, one photo");
  const twoPhotos = pairs.filter((p) => p.kind === "same person, two photos");
  const different = pairs.filter((p) => p.kind === "different people, one photo");
  const share = (list: Pair[], test: (p: Pair) => boolean) =>
    list.length === 0 ? "–" : `${list.filter(test).length}/${list.length}`;
  for (let t = 0.5; t <= 0.8001; t += 0.02) {
    lines.push(
      `| ${t.toFixed(2)} | ${share(different, (p) => p.similarity >= t)} | ${share(same, (p) => p.similarity < t)} | ${share(twoPhotos, (p) => p.similarity < t)} |`,
    );
  }
  const closest = [...different].sort((a, b) => b.similarity - a.similarity).slice(0, 3);
  const weakest = [...same].sort((a, b) => a.similarity - b.similarity).slice(0, 3);
  lines.push(
    "",
    `Most alike different people: ${closest.map((p) => `${p.name} ${p.similarity.toFixed(3)}`).join("; ")}.`,
    `Least alike same person: ${weakest.map((p) => `${p.name} ${p.similarity.toFixed(3)}`).join("; ")}.`,
  );
  return lines.join("\n");
}

function canvas(width: number, height: number, grey: number): Rgba {
  const data = new Uint8Array(width * height * 4).fill(grey);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width, height, data };
}

function paste(target: Rgba, source: Rgba, left: number, top: number, scale = 1): void {
  const w = Math.round(source.width * scale);
  const h = Math.round(source.height * scale);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const sx = Math.min(source.width - 1, Math.floor(x / scale));
      const sy = Math.min(source.height - 1, Math.floor(y / scale));
      const o = ((top + y) * target.width + left + x) * 4;
      const s = (sy * source.width + sx) * 4;
      target.data.set(source.data.subarray(s, s + 4), o);
    }
  }
}

/** JPEG with an APP1 Exif block that holds only Orientation (tag 0x0112), inserted after SOI. */
function withExifOrientation(jpegBytes: Uint8Array, orientation: number): Uint8Array {
  const tiff = Uint8Array.from([
    0x4d,
    0x4d,
    0,
    0x2a,
    0,
    0,
    0,
    8,
    0,
    1,
    0x01,
    0x12,
    0,
    3,
    0,
    0,
    0,
    1,
    0,
    orientation,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
  const payload = new Uint8Array([...new TextEncoder().encode("Exif\0\0"), ...tiff]);
  const app1 = new Uint8Array([
    0xff,
    0xe1,
    (payload.length + 2) >> 8,
    (payload.length + 2) & 0xff,
    ...payload,
  ]);
  return new Uint8Array([...jpegBytes.subarray(0, 2), ...app1, ...jpegBytes.subarray(2)]);
}

async function fixtures(): Promise<number> {
  mkdirSync(FIXTURES_DIR, { recursive: true });
  const write = (name: string, bytes: Uint8Array) => {
    writeFileSync(join(FIXTURES_DIR, name), bytes);
    console.log(`${name}  ${bytes.length} bytes`);
  };
  const person = faceFile("s1-3");
  const personImage = decodeJpeg(person);
  write("portrait.jpg", person);
  const codestream = await encodeJ2k(personImage);
  write("portrait.j2k", codestream);
  write("portrait.jp2", jp2File(codestream, personImage.width, personImage.height));
  const selfie = variantJpeg(person, "rotate");
  write("selfie.jpg", selfie);
  write("selfie.webp", await encodeWebp(decodeJpeg(selfie), 80));
  write("selfie-dark.jpg", variantJpeg(person, "dark"));
  write("other-person.jpg", faceFile("s1-1"));
  write("blurred.jpg", encodeJpeg(variant(decodeJpeg(faceFile("s3-1")), "blur")));
  const small = canvas(640, 640, 128);
  paste(small, decodeJpeg(faceFile("s3-1")), 280, 280, 0.25);
  write("small-face.jpg", encodeJpeg(small));
  const group = canvas(448, 224, 128);
  paste(group, decodeJpeg(faceFile("s1-1")), 0, 0);
  paste(group, decodeJpeg(faceFile("s1-2")), 224, 0);
  write("two-faces.jpg", encodeJpeg(group));
  const gradient = canvas(200, 150, 0);
  for (let i = 0; i < 200 * 150; i++) gradient.data.fill(Math.floor((i % 200) * 1.2), i * 4, i * 4 + 3);
  write("no-face.jpg", encodeJpeg(gradient));
  // Stored turned a quarter to the left, with EXIF orientation 6 ("rotate 90° clockwise to display").
  const upright = decodeJpeg(variantJpeg(person, "dark"));
  const stored = canvas(upright.height, upright.width, 0);
  for (let sy = 0; sy < stored.height; sy++) {
    for (let sx = 0; sx < stored.width; sx++) {
      const x = stored.height - 1 - sy;
      const y = sx;
      stored.data.set(
        upright.data.subarray((y * upright.width + x) * 4, (y * upright.width + x) * 4 + 4),
        (sy * stored.width + sx) * 4,
      );
    }
  }
  write("selfie-exif-orientation-6.jpg", withExifOrientation(encodeJpeg(stored), 6));
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { write: { type: "boolean", default: false } },
    allowPositionals: false,
  });
  if (command === "calibrate") return calibrate(values.write ?? false);
  if (command === "fixtures") return fixtures();
  console.log(HELP);
  return command === undefined || command === "help" ? 0 : 2;
}

if (!existsSync(CALIBRATION_DIR)) throw new Error("packages/face-engine/calibration is missing");
