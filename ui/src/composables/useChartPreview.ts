import { ref, watch } from "vue";
import { toIpcError, type IpcError } from "../backend";
import { useBackend } from "../backend/inject";
import type { ChartSpec } from "../types/ipc";
import { useDebounced } from "./useDebounced";

/**
 * The live preview of a chart: the backend draws the spec as SVG after the spec has stopped
 * changing for `delayMs`. The SVG is only ever used as an image URL, never as markup.
 */
export function useChartPreview(spec: () => ChartSpec, delayMs = 300) {
  const backend = useBackend();
  const src = ref<string | null>(null);
  const loading = ref(false);
  const error = ref<IpcError | null>(null);
  let latest = 0;

  async function draw(snapshot: ChartSpec): Promise<void> {
    const request = ++latest;
    loading.value = true;
    try {
      const svg = await backend.chartPreview(snapshot);
      if (request !== latest) return;
      src.value = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      error.value = null;
    } catch (e) {
      if (request !== latest) return;
      error.value = toIpcError(e);
    } finally {
      if (request === latest) loading.value = false;
    }
  }

  const debounced = useDebounced((snapshot: ChartSpec) => void draw(snapshot), delayMs);
  watch(
    () => JSON.stringify(spec()),
    (json) => {
      loading.value = true;
      debounced.call(JSON.parse(json) as ChartSpec);
    },
    { immediate: true },
  );

  return { src, loading, error };
}
