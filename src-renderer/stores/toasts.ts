import { defineStore } from 'pinia';
import { ref } from 'vue';
import { describeError } from '../api/api-error';

export type ToastKind = 'error' | 'success' | 'info';

export interface Toast {
  readonly id: number;
  readonly kind: ToastKind;
  readonly title: string;
  readonly message: string;
  /** The error code, shown small so a support request can quote it. */
  readonly code: string | null;
}

/** Errors stay until dismissed (they say what to do next); other notices fade. */
const FADE_AFTER_MS = 6000;
const MOST_SHOWN = 5;

export const useToastsStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([]);
  let nextId = 1;

  function show(kind: ToastKind, title: string, message: string, code: string | null = null): number {
    const toast: Toast = { id: nextId++, kind, title, message, code };
    toasts.value = [...toasts.value, toast].slice(-MOST_SHOWN);
    if (kind !== 'error') setTimeout(() => dismiss(toast.id), FADE_AFTER_MS);
    return toast.id;
  }

  /** Shows any thrown value: ApiErrors with their code and message, anything else as unexpected. */
  function showError(title: string, error: unknown): number {
    const { code, message } = describeError(error);
    return show('error', title, message, code);
  }

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id);
  }

  return { toasts, show, showError, dismiss };
});
