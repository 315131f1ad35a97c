import { computed, inject, onScopeDispose, provide, ref, type ComputedRef, type InjectionKey } from 'vue';

/**
 * Fields report whether their text is valid to the form around them, so the form can hold its
 * submit button until every field is; fields outside such a form report to no one. A check that
 * is not one highlighted field (e.g. a section's combination of settings) reports with a summary,
 * which the form shows beside its button instead of "Correct the highlighted fields first."
 */
interface FormValidity {
  report(fieldId: string, valid: boolean, summary?: string): void;
}

const formValidityKey: InjectionKey<FormValidity> = Symbol('form-validity');

export function provideFormValidity(): { invalidFields: ComputedRef<readonly string[]>; invalidSummaries: ComputedRef<readonly string[]>; hasUnexplainedField: ComputedRef<boolean> } {
  /** Invalid reporters, each with its summary or null (a highlighted field). */
  const invalid = ref<ReadonlyMap<string, string | null>>(new Map());
  provide(formValidityKey, {
    report(fieldId, valid, summary) {
      const before = invalid.value.get(fieldId);
      if (valid ? before === undefined : before === (summary ?? null)) return;
      const next = new Map(invalid.value);
      if (valid) next.delete(fieldId);
      else next.set(fieldId, summary ?? null);
      invalid.value = next;
    },
  });
  return {
    invalidFields: computed(() => [...invalid.value.keys()]),
    invalidSummaries: computed(() => [...invalid.value.values()].filter((s): s is string => s !== null)),
    hasUnexplainedField: computed(() => [...invalid.value.values()].some((s) => s === null)),
  };
}

export function useFieldValidity(fieldId: () => string): (valid: boolean, summary?: string) => void {
  const form = inject(formValidityKey, null);
  onScopeDispose(() => form?.report(fieldId(), true));
  return (valid, summary) => form?.report(fieldId(), valid, summary);
}
