import { onScopeDispose, ref, watch, type Ref, type WatchSource } from 'vue';

/** Date.now(), refreshed every `intervalMs` while `active` is true (no timer when idle). */
export function useNow(active: WatchSource<boolean>, intervalMs = 500): Ref<number> {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | null = null;

  const stop = (): void => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };

  watch(
    active,
    (isActive) => {
      now.value = Date.now();
      if (isActive && timer === null) timer = setInterval(() => (now.value = Date.now()), intervalMs);
      if (!isActive) stop();
    },
    { immediate: true },
  );
  onScopeDispose(stop);
  return now;
}
