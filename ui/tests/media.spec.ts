import { describe, expect, it, vi } from "vitest";
import { mount, type DOMWrapper, type VueWrapper } from "@vue/test-utils";
import { computed, defineComponent, h, reactive } from "vue";
import { backendKey } from "../src/backend/inject";
import MediaEditor from "../src/components/editor/MediaEditor.vue";
import { provideEditorReadonly } from "../src/composables/editing";
import { formatDuration, nextMediaId } from "../src/media";
import { sniffFormat } from "../src/backend/mock-media";
import { byTestId, deferred, demoBackend, mountApp, settle } from "./helpers";
import type { AddedMedia, Checklist, Materials, MediaRef } from "../src/types/ipc";

// A real 1×1 PNG.
const PNG_1x1 = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);
const MP3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0xff, 0xfb, 0x90, 0x64]);

const EDITOR = "#/pack/draft-land-notice/editor";
const active = () => document.activeElement as HTMLElement | null;

/** Picks files in the hidden input, as the E2E does with a DataTransfer, and waits for the uploads. */
async function pick(wrapper: VueWrapper, files: File[]): Promise<void> {
  const input = wrapper.find<HTMLInputElement>(byTestId("media-input"));
  Object.defineProperty(input.element, "files", { value: files, configurable: true });
  await input.trigger("change");
  await vi.waitFor(() => expect(wrapper.find(byTestId("media-progress")).exists()).toBe(false));
  await settle();
}

const items = (wrapper: VueWrapper) => wrapper.findAll(byTestId("media-item"));
const section = (wrapper: VueWrapper) => wrapper.find(byTestId("media-section"));

function ref(id: string, format: MediaRef["format"] = "png"): MediaRef {
  return {
    id,
    file_name: `${id}.${format}`,
    caption: "",
    alt: "",
    credit: "",
    in_long_image: false,
    sha256: "0".repeat(64),
    format,
    byte_len: 1,
    width: null,
    height: null,
    duration_ms: null,
    codecs: [],
  };
}

describe("media ids and labels", () => {
  it("takes the next id after the highest m<N>, as next_media_id", () => {
    expect(nextMediaId([])).toBe("m1");
    expect(nextMediaId([ref("m1"), ref("m7"), ref("x")])).toBe("m8");
    expect(nextMediaId([ref("m2"), ref("img-9"), ref("m")])).toBe("m3");
    expect(nextMediaId([ref("m03")])).toBe("m4");
  });

  it("formats durations as duration_label", () => {
    expect(formatDuration(65_400)).toBe("1:05");
    expect(formatDuration(3_600_000)).toBe("1:00:00");
    expect(formatDuration(499)).toBe("0:00");
  });

  it("recognises the accepted formats by their first bytes", () => {
    const bytes = (...b: number[]) => new Uint8Array(b);
    const text = (s: string) => new TextEncoder().encode(s);
    expect(sniffFormat(PNG_1x1)).toBe("png");
    expect(sniffFormat(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("jpeg");
    expect(sniffFormat(MP3)).toBe("mp3");
    expect(sniffFormat(bytes(0xff, 0xfb, 0x90))).toBe("mp3");
    expect(sniffFormat(bytes(0, 0, 0, 0x18, ...text("ftypisom")))).toBe("mp4");
    expect(sniffFormat(bytes(0, 0, 0, 0x18, ...text("ftypM4A ")))).toBe("m4a");
    expect(sniffFormat(bytes(0x1a, 0x45, 0xdf, 0xa3))).toBe("webm");
    expect(sniffFormat(text("RIFF\0\0\0\0WEBPVP8 "))).toBe("webp");
    expect(sniffFormat(text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe("svg");
    expect(sniffFormat(text("<svg/>"))).toBe("svg");
    expect(sniffFormat(text("hello"))).toBeNull();
  });
});

describe("editor: images, audio and video", () => {
  it("uploads a picked PNG through the backend and shows it with its preview and a required alt field", async () => {
    const backend = demoBackend("liu.yang");
    const addMediaFile = vi.spyOn(backend, "addMediaFile");
    const wrapper = await mountApp(backend, EDITOR);
    expect(section(wrapper).find("h2").text()).toBe("图片与音视频");
    expect(wrapper.find(byTestId("save-pack")).exists()).toBe(true);
    expect(items(wrapper)).toHaveLength(0);

    await pick(wrapper, [new File([PNG_1x1], "发布会现场.png", { type: "image/png" })]);
    expect(addMediaFile).toHaveBeenCalledTimes(1);
    expect(wrapper.find(byTestId("media-error")).exists()).toBe(false);
    const [item] = items(wrapper);
    expect(item!.attributes("data-media-id")).toBe("m1");
    expect(item!.text()).toContain("PNG 图片");
    expect(item!.text()).toContain("发布会现场.png");
    expect(item!.text()).toContain("1×1 像素");
    const img = item!.find<HTMLImageElement>("img");
    const added = (await addMediaFile.mock.results[0]!.value) as { media: MediaRef };
    expect(img.attributes("src")).toBe(backend.mediaUrl(added.media.sha256));
    expect(added.media.sha256).toMatch(/^[0-9a-f]{64}$/);

    // The alt text is required: marked so, with a warning while it is empty.
    const alt = item!.find<HTMLTextAreaElement>(byTestId("media-alt"));
    expect(alt.attributes("aria-required")).toBe("true");
    expect(item!.text()).toContain("必填：供读屏软件朗读");
    expect(item!.find(byTestId("media-alt-missing")).exists()).toBe(true);
    await alt.setValue("新闻发布会现场");
    expect(item!.find(byTestId("media-alt-missing")).exists()).toBe(false);
    expect(img.attributes("alt")).toBe("新闻发布会现场");
    await item!.find(byTestId("media-caption")).setValue("图1 发布会现场");

    // Nothing is saved until the user saves; the pack's save sends the reference.
    const savePack = vi.spyOn(backend, "savePack");
    await wrapper.find(byTestId("save-pack")).trigger("click");
    await settle();
    expect(savePack).toHaveBeenCalledTimes(1);
    const saved = savePack.mock.calls[0]![2].materials.images;
    expect(saved).toEqual([{ ...added.media, id: "m1", alt: "新闻发布会现场", caption: "图1 发布会现场" }]);
  });

  it("shows a refused file's name and both lines of the backend's message, and adds nothing", async () => {
    const wrapper = await mountApp(demoBackend("liu.yang"), EDITOR);
    await pick(wrapper, [new File(["just some text"], "说明.txt", { type: "text/plain" })]);
    const error = wrapper.find(byTestId("media-error"));
    expect(error.exists()).toBe(true);
    expect(error.attributes("data-error-code")).toBe("media.unsupported");
    expect(error.text()).toContain("未能添加“说明.txt”");
    expect(error.text()).toContain("文件“说明.txt”不是可接受的格式");
    expect(error.text()).toContain("The file 说明.txt is not in an accepted format");
    expect(items(wrapper)).toHaveLength(0);
  });

  it("adds several files in turn with fresh ids, says when the bytes were already stored, and removes one", async () => {
    const wrapper = await mountApp(demoBackend("liu.yang"), EDITOR);
    await pick(wrapper, [new File([PNG_1x1], "a.png"), new File([MP3], "讲解.mp3", { type: "audio/mpeg" })]);
    expect(items(wrapper).map((i) => i.attributes("data-media-id"))).toEqual(["m1", "m2"]);
    // Audio: a player, a title instead of alt text, no 一图读懂.
    const audio = items(wrapper)[1]!;
    expect(audio.find("audio").attributes("controls")).toBeDefined();
    expect(audio.find("audio").attributes("preload")).toBe("metadata");
    expect(audio.find(byTestId("media-alt")).exists()).toBe(false);
    expect(audio.find(byTestId("media-long-image")).exists()).toBe(false);
    expect(audio.text()).toContain("MP3 音频");

    await pick(wrapper, [new File([PNG_1x1], "again.png")]);
    expect(items(wrapper).map((i) => i.attributes("data-media-id"))).toEqual(["m1", "m2", "m3"]);
    expect(wrapper.find(byTestId("media-notice")).text()).toContain("已存在，未重复存储");

    // Removing takes the reference out of this pack; the next id still counts from the highest.
    const remove = items(wrapper)[0]!.find<HTMLButtonElement>(byTestId("media-remove"));
    expect(remove.text()).toBe("移除");
    expect(remove.attributes("title")).toContain("仍有任何版本引用");
    await remove.trigger("click");
    expect(items(wrapper).map((i) => i.attributes("data-media-id"))).toEqual(["m2", "m3"]);
    await pick(wrapper, [new File([PNG_1x1], "b.png")]);
    expect(items(wrapper).map((i) => i.attributes("data-media-id"))).toEqual(["m2", "m3", "m4"]);

    // Moving keeps each item's fields with it.
    await items(wrapper)[2]!.find(byTestId("media-caption")).setValue("第四个");
    await items(wrapper)[2]!.find("button[aria-label^='上移']").trigger("click");
    expect(items(wrapper).map((i) => i.attributes("data-media-id"))).toEqual(["m2", "m4", "m3"]);
    expect((items(wrapper)[1]!.find(byTestId("media-caption")).element as HTMLInputElement).value).toBe("第四个");
  });

  it("shows the file and percent while it is sent, and the metadata removed on the way in", async () => {
    const backend = demoBackend("liu.yang");
    const answer = deferred<AddedMedia>();
    let report: ((sent: number, total: number) => void) | undefined;
    vi.spyOn(backend, "addMediaFile").mockImplementation((_file, onProgress) => {
      report = onProgress;
      return answer.promise;
    });
    const wrapper = await mountApp(backend, EDITOR);
    const input = wrapper.find<HTMLInputElement>(byTestId("media-input"));
    Object.defineProperty(input.element, "files", { value: [new File([PNG_1x1], "大图.jpg")], configurable: true });
    await input.trigger("change");
    await settle();
    report!(5 * 1024 * 1024, 10 * 1024 * 1024);
    await settle();
    const bar = wrapper.find(byTestId("media-progress"));
    expect(bar.text()).toContain("大图.jpg");
    expect(bar.text()).toContain("50%");
    expect(bar.find("[role=progressbar]").attributes("aria-valuenow")).toBe("50");
    const gps = "已去除 EXIF 中的 GPS 位置信息 GPS position removed from EXIF";
    answer.resolve({ media: { ...ref("m1", "jpeg"), file_name: "大图.jpg" }, stripped: [gps], existed: false });
    await settle();
    expect(wrapper.find(byTestId("media-progress")).exists()).toBe(false);
    expect(wrapper.find(byTestId("media-notice")).text()).toContain(gps);
    expect(wrapper.find(byTestId("media-notice")).text()).toContain("大图.jpg");
    expect(items(wrapper)).toHaveLength(1);
  });

  it("takes files dropped on the zone", async () => {
    const wrapper = await mountApp(demoBackend("liu.yang"), EDITOR);
    const file = new File([PNG_1x1], "拖放.png", { type: "image/png" });
    await wrapper.find(byTestId("media-drop")).trigger("drop", { dataTransfer: { files: [file] } });
    await vi.waitFor(() => expect(items(wrapper)).toHaveLength(1));
    expect(items(wrapper)[0]!.text()).toContain("拖放.png");
  });

  it("takes files dropped on the window while the editor is open, and only then", async () => {
    const backend = demoBackend("liu.yang");
    const addDropped = vi.spyOn(backend, "addDroppedMedia");
    const wrapper = await mountApp(backend, EDITOR);
    backend.simulateDrop(["/home/demo/图片/现场.png"]);
    await vi.waitFor(() => expect(items(wrapper)).toHaveLength(1));
    expect(addDropped).toHaveBeenCalledWith("/home/demo/图片/现场.png");
    expect(items(wrapper)[0]!.text()).toContain("现场.png");

    // Behind another tab the kept-alive editor takes no drops.
    await wrapper.find(byTestId("tab-review")).trigger("click");
    await settle();
    backend.simulateDrop(["/home/demo/图片/另一张.png"]);
    await settle();
    expect(addDropped).toHaveBeenCalledTimes(1);

    // On the import screen the drop is the import's.
    await wrapper.find(byTestId("nav-import")).trigger("click");
    await settle();
    expect(wrapper.find(byTestId("import-drop-zone")).exists()).toBe(true);
    const importDropped = vi.spyOn(backend, "importDropped");
    backend.simulateDrop(["/home/demo/通知.docx"]);
    await settle();
    expect(importDropped).toHaveBeenCalledTimes(1);
    expect(addDropped).toHaveBeenCalledTimes(1);
  });

  it("goes to the alt text or title a checklist finding names", async () => {
    const backend = demoBackend("liu.yang");
    const wrapper = await mountApp(backend, EDITOR);
    await pick(wrapper, [new File([PNG_1x1], "a.png"), new File([MP3], "b.mp3")]);
    // The core's media-files findings for this content (rules.rs), as the checklist gets them.
    const checklist: Checklist = {
      pack_id: "draft-land-notice",
      content_hash: `sha256:${"0".repeat(64)}`,
      items: [
        {
          id: "media-files",
          rule_no: 0,
          title: { zh: "图片与音视频", en: "Images, audio and video" },
          status: "fail",
          severity: "warning",
          field: "materials.media[0].alt",
          message: { zh: "图片“a.png”缺少替代文本（供读屏软件朗读）。", en: "Image 'a.png' has no alternative text (for screen readers)." },
          findings: [
            { field: "materials.media[0].alt", severity: "warning", message: { zh: "图片“a.png”缺少替代文本。", en: "Image 'a.png' has no alternative text." } },
            { field: "materials.media[1].caption", severity: "warning", message: { zh: "音频“b.mp3”缺少标题。", en: "'b.mp3' has no title." } },
            { field: "materials.media", severity: "warning", message: { zh: "解读方案列有音视频解读。", en: "The plan lists audio/video." } },
          ],
        },
      ],
    };
    vi.spyOn(backend, "checkContent").mockResolvedValue(checklist);
    await items(wrapper)[0]!.find(byTestId("media-credit")).setValue("摄影：张三");
    // The fixture checklist already has a media-files item (not applicable): wait for this one's findings.
    await vi.waitFor(
      () => expect(wrapper.findAll(`${byTestId("checklist-item")}[data-rule="media-files"] ${byTestId("checklist-finding")}`)).toHaveLength(3),
      { timeout: 3000 },
    );

    const finding = (i: number): DOMWrapper<Element> =>
      wrapper.findAll(`${byTestId("checklist-item")}[data-rule="media-files"] ${byTestId("checklist-finding")}`)[i]!;
    await finding(0).trigger("click");
    expect(active()?.dataset.testid).toBe("media-alt");
    expect(active()?.closest("[data-media-id]")?.getAttribute("data-media-id")).toBe("m1");
    await finding(1).trigger("click");
    expect(active()?.dataset.testid).toBe("media-caption");
    expect(active()?.closest("[data-media-id]")?.getAttribute("data-media-id")).toBe("m2");
    // The section itself: its first control, the file picker's button.
    await finding(2).trigger("click");
    expect(active()?.dataset.testid).toBe("media-pick");
  });

  it("is read-only where editing is not allowed: no adding, moving or removing", async () => {
    const backend = demoBackend("zhang.wei");
    const wrapper = await mountApp(backend, EDITOR);
    expect(section(wrapper).exists()).toBe(true);
    expect(wrapper.find(byTestId("media-drop")).exists()).toBe(false);
    expect(wrapper.find(byTestId("media-input")).exists()).toBe(false);
    const addDropped = vi.spyOn(backend, "addDroppedMedia");
    backend.simulateDrop(["/home/demo/现场.png"]);
    await settle();
    expect(addDropped).not.toHaveBeenCalled();
  });

  it("shows a signed pack's files with their fields locked", async () => {
    const materials = reactive<Materials>({
      text: null,
      charts: [],
      qa: [],
      press_lines: [],
      images: [
        { ...ref("m1", "png"), alt: "现场照片", width: 1200, height: 800, byte_len: 245_000 },
        { ...ref("m2", "mp4"), caption: "发布会视频", duration_ms: 65_400, byte_len: 12_800_000 },
      ],
    });
    const Host = defineComponent({
      setup() {
        provideEditorReadonly(computed(() => true));
        return () => h(MediaEditor, { materials });
      },
    });
    const backend = demoBackend("liu.yang");
    const wrapper = mount(Host, { global: { provide: { [backendKey as symbol]: backend } } });
    await settle();
    const [image, video] = wrapper.findAll(byTestId("media-item"));
    expect(wrapper.find(byTestId("media-drop")).exists()).toBe(false);
    expect(wrapper.findAll(byTestId("media-remove"))).toHaveLength(0);
    expect(image!.text()).toContain("1200×800 像素");
    expect(image!.find(byTestId("media-alt")).attributes("readonly")).toBeDefined();
    expect(image!.find(byTestId("media-long-image")).attributes("disabled")).toBeDefined();
    expect(image!.find("img").attributes("src")).toMatch(/^data:image\/svg\+xml/);
    expect(video!.text()).toContain("MP4 视频");
    expect(video!.text()).toContain("时长 1:05");
    expect(video!.text()).toContain("12.2 MB");
    expect(video!.find("video").attributes("preload")).toBe("metadata");
    expect(video!.find(byTestId("media-caption")).attributes("readonly")).toBeDefined();
    wrapper.unmount();
  });
});
