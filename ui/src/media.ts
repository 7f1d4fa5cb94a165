// Images, audio and video in a pack's materials (图片与音视频), as the UI presents them. What a
// file is (its format, size, pixels, duration) is read by the Rust side when it is stored; these
// helpers only show it, mirroring jiedu_core::media where the UI needs the same answer offline.

import type { MediaFormat, MediaRef } from "./types/ipc";

/** Image, audio or video (jiedu_core::MediaKind, not itself sent over IPC). */
export type MediaKind = "image" | "audio" | "video";

/** What the interpreters write of a file; the rest of a MediaRef is read from its content. */
export type MediaNotesFields = "id" | "file_name" | "caption" | "alt" | "credit" | "in_long_image";
/** What is known of a stored file (jiedu_core::MediaInfo, flattened into MediaRef). */
export type MediaInfo = Omit<MediaRef, MediaNotesFields>;

/** As MediaFormat::kind. */
export function mediaKind(format: MediaFormat): MediaKind {
  if (format === "mp3" || format === "m4a") return "audio";
  if (format === "mp4" || format === "webm") return "video";
  return "image";
}

/** What the file picker offers: the accepted formats by MIME type, and .m4a, which some systems do not map. */
export const MEDIA_ACCEPT = "image/png,image/jpeg,image/webp,image/svg+xml,audio/mpeg,audio/mp4,video/mp4,video/webm,.m4a";

/** As next_media_id: `m` and one more than the highest `m<N>` in use (`m1` when none). */
export function nextMediaId(refs: readonly { id: string }[]): string {
  let highest = 0;
  for (const r of refs) {
    // Rust's `u32::from_str`: digits, an optional leading `+`, at most 4294967295.
    const m = r.id.match(/^m\+?(\d+)$/);
    if (!m) continue;
    const n = Number(m[1]);
    if (n <= 0xffff_ffff && n > highest) highest = n;
  }
  return `m${highest + 1}`;
}

/** As duration_label: `m:ss`, or `h:mm:ss` from an hour on (rounded to the second). */
export function formatDuration(ms: number): string {
  const secs = Math.floor((ms + 500) / 1000);
  const h = Math.floor(secs / 3600);
  const m = Math.floor(secs / 60) % 60;
  const s = secs % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** A blob's bytes: Blob.arrayBuffer, or FileReader where a DOM lacks it (jsdom in the tests). */
export function blobBytes(blob: Blob): Promise<Uint8Array> {
  if (typeof blob.arrayBuffer === "function") return blob.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}
