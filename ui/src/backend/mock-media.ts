// Media files for the mock backend: what jiedu-media reads from a file's first bytes (its format,
// an image's pixel size), the refusals in its words, and made-up bytes for files "dropped" by
// simulateDrop. Only enough to click through the editor's 图片与音视频 section: the real checks
// (damaged files, oversized pixels, GPS removal, durations) are Rust's.

import { mediaKind, type MediaInfo } from "../media";
import type { IpcError, MediaFormat } from "../types/ipc";
import { sha256Hex } from "./core-answers";

const MB = 1024 * 1024;
/** As jiedu_core::media's limits. */
const IMAGE_LIMIT = 30 * MB;
const SVG_LIMIT = 5 * MB;
const AUDIO_LIMIT = 300 * MB;
const VIDEO_LIMIT = 2 * 1024 * MB;
const ANY_LIMIT = VIDEO_LIMIT;
const ACCEPTED = "PNG, JPEG, WebP, SVG, MP3, M4A, MP4, WebM";

export const MEDIA_MIME: Record<MediaFormat, string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  svg: "image/svg+xml",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  mp4: "video/mp4",
  webm: "video/webm",
};

/** As MediaFormat::extensions. */
const EXTENSIONS: Record<MediaFormat, string[]> = {
  png: ["png"],
  jpeg: ["jpg", "jpeg", "jpe", "jfif"],
  webp: ["webp"],
  svg: ["svg"],
  mp3: ["mp3"],
  m4a: ["m4a", "aac", "mp4"],
  mp4: ["mp4", "m4v", "mov"],
  webm: ["webm", "weba"],
};

const LABEL: Record<MediaFormat, [string, string]> = {
  png: ["PNG 图片", "PNG image"],
  jpeg: ["JPEG 图片", "JPEG image"],
  webp: ["WebP 图片", "WebP image"],
  svg: ["SVG 图形", "SVG drawing"],
  mp3: ["MP3 音频", "MP3 audio"],
  m4a: ["M4A 音频", "M4A audio"],
  mp4: ["MP4 视频", "MP4 video"],
  webm: ["WebM 视频", "WebM video"],
};

const GPS_LINE_JPEG = "已去除 EXIF 中的 GPS 位置信息 GPS position removed from EXIF";

function refuse(code: string, message: string, file: string): never {
  throw { code, message, field: file } satisfies IpcError;
}

function mb(bytes: number): string {
  const tenths = Math.round((bytes / MB) * 10) / 10;
  return Number.isInteger(tenths) ? `${tenths} MB` : `${tenths.toFixed(1)} MB`;
}

function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? null : name.slice(dot + 1).toLowerCase();
}

/** The format a name's extension claims, if Jiedu knows it (MediaFormat::claimed_by). */
function claimedBy(name: string): MediaFormat | null {
  const ext = extensionOf(name);
  if (ext === null) return null;
  return (Object.keys(EXTENSIONS) as MediaFormat[]).find((f) => EXTENSIONS[f].includes(ext)) ?? null;
}

const latin1 = new TextDecoder("latin1");
const ascii = (bytes: Uint8Array, from: number, to: number) => latin1.decode(bytes.subarray(from, to));

/** The format by content (magic bytes), as jiedu-media sniffs it; null for anything else. */
export function sniffFormat(bytes: Uint8Array): MediaFormat | null {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0x89 && ascii(bytes, 1, 4) === "PNG") return "png";
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return "jpeg";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  if (b(0) === 0x1a && b(1) === 0x45 && b(2) === 0xdf && b(3) === 0xa3) return "webm";
  if (ascii(bytes, 4, 8) === "ftyp") {
    const brand = ascii(bytes, 8, 12);
    return brand.startsWith("M4A") || brand.startsWith("M4B") ? "m4a" : "mp4";
  }
  if (ascii(bytes, 0, 3) === "ID3" || (b(0) === 0xff && (b(1) & 0xe0) === 0xe0)) return "mp3";
  const text = new TextDecoder().decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, "").trimStart();
  if (text.startsWith("<svg") || (text.startsWith("<?xml") && text.includes("<svg"))) return "svg";
  return null;
}

/** An image's pixel size from its header (PNG IHDR, a JPEG SOF segment); null when unread. */
function pixelSize(bytes: Uint8Array, format: MediaFormat): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === "png" && bytes.length >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (format === "jpeg") {
    let i = 2;
    while (i + 9 < bytes.length && bytes[i] === 0xff) {
      const marker = bytes[i + 1]!;
      const len = view.getUint16(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: view.getUint16(i + 7), height: view.getUint16(i + 5) };
      }
      i += 2 + len;
    }
  }
  return null;
}

/** Whether a JPEG carries an Exif segment naming GPS (the mock says it removed it). */
function hasExifGps(bytes: Uint8Array): boolean {
  const head = ascii(bytes, 0, Math.min(bytes.length, 64 * 1024));
  return head.includes("Exif\0\0") && head.includes("GPS");
}

/** SHA-256 as 64 hex digits: Web Crypto when there is one, else the mock's own. */
export async function sha256Of(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    try {
      const digest = await subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
      return [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, "0")).join("");
    } catch {
      // jsdom's Uint8Array is not always the one its SubtleCrypto accepts.
    }
  }
  return sha256Hex(bytes);
}

/** As check_declared_size: an empty or oversized file is refused before a byte is read. */
export function checkDeclaredSize(file: string, byteLen: number): void {
  if (byteLen === 0) refuse("media.invalid", `文件“${file}”未保存：文件为空 / the file is empty\nThe file ${file} was not stored.`, file);
  if (byteLen > ANY_LIMIT) {
    refuse(
      "media.too_large",
      `文件“${file}”有 ${Math.ceil(byteLen / MB)} MB，超过上限 ${ANY_LIMIT / MB} MB，未保存。\nThe file ${file} is ${Math.ceil(byteLen / MB)} MB, over the ${ANY_LIMIT / MB} MB limit; nothing was stored.`,
      file,
    );
  }
}

/** What jiedu-media reads of a file, or its refusal (codes and wording of MediaError). */
export async function inspectMedia(bytes: Uint8Array, file: string): Promise<{ info: MediaInfo; stripped: string[] }> {
  checkDeclaredSize(file, bytes.length);
  const format = sniffFormat(bytes);
  if (!format) {
    refuse(
      "media.unsupported",
      `文件“${file}”不是可接受的格式（可接受：${ACCEPTED}），未保存。\nThe file ${file} is not in an accepted format (accepted: ${ACCEPTED}); nothing was stored.`,
      file,
    );
  }
  const ext = extensionOf(file);
  if (ext !== null && !EXTENSIONS[format].includes(ext) && claimedBy(file) !== null) {
    const [zh, en] = LABEL[format];
    const article = /^(MP|M4|SVG)/.test(en) ? "an" : "a";
    refuse(
      "media.mislabelled",
      `文件“${file}”的内容是 ${zh}，与扩展名 .${ext} 不符，未保存。\nThe content of ${file} is ${article} ${en}, not what .${ext} claims; nothing was stored.`,
      file,
    );
  }
  const limit = format === "svg" ? SVG_LIMIT : { image: IMAGE_LIMIT, audio: AUDIO_LIMIT, video: VIDEO_LIMIT }[mediaKind(format)];
  if (bytes.length > limit) {
    const [zh, en] = LABEL[format];
    refuse(
      "media.too_large",
      `文件“${file}”有 ${mb(bytes.length)}，超过${zh}的上限 ${mb(limit)}，未保存。\nThe file ${file} is ${mb(bytes.length)}, over the ${en} limit of ${mb(limit)}; nothing was stored.`,
      file,
    );
  }
  const size = pixelSize(bytes, format);
  const codecs = { mp3: ["mp3"], m4a: ["mp4a"], mp4: ["avc1", "mp4a"], webm: ["vp9", "opus"] } as Partial<Record<MediaFormat, string[]>>;
  const info: MediaInfo = {
    sha256: await sha256Of(bytes),
    format,
    byte_len: bytes.length,
    width: size?.width ?? null,
    height: size?.height ?? null,
    duration_ms: null,
    codecs: codecs[format] ?? [],
  };
  return { info, stripped: format === "jpeg" && hasExifGps(bytes) ? [GPS_LINE_JPEG] : [] };
}

const base64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Made-up bytes for a file "dropped" on the window at `path`, by its extension. */
export function droppedFileBytes(path: string): Uint8Array {
  const enc = new TextEncoder();
  const pad = (head: number[] | Uint8Array, n = 2048) => {
    const out = new Uint8Array(Math.max(n, head.length));
    out.set(head);
    return out;
  };
  switch (claimedBy(path)) {
    case "png":
      // A 1×1 PNG.
      return base64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    case "jpeg":
      // SOI, then a SOF0 of 640×480: the header only.
      return pad([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03]);
    case "webp":
      return pad(enc.encode("RIFF\x00\x08\x00\x00WEBPVP8 "));
    case "svg":
      return enc.encode(
        '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180"><rect width="320" height="180" fill="#e8f0fa"/><text x="160" y="96" font-size="20" text-anchor="middle" fill="#1f4e8c">示意图</text></svg>',
      );
    case "mp3":
      return pad(enc.encode("ID3\x04\x00\x00\x00\x00\x00\x00"));
    case "m4a":
      return pad([0, 0, 0, 0x18, ...enc.encode("ftypM4A "), 0, 0, 0, 0]);
    case "mp4":
      return pad([0, 0, 0, 0x18, ...enc.encode("ftypisom"), 0, 0, 0, 0]);
    case "webm":
      return pad([0x1a, 0x45, 0xdf, 0xa3]);
    default:
      return enc.encode(`dropped file ${path}\n`);
  }
}
