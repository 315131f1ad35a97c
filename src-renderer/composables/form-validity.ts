import { computed, inject, onScopeDispose, provide, ref, type ComputedRef, type InjectionKey } from 'vue';

/**
 * Fields report whether their text is valid to the form around them, so the form can hold its
 * submit button until every field is; fields outside such a form report to no one.
 */
interface FormValidity {
  report(fieldId: string, valid: boolean): void;
}

const formValidityKey: InjectionKey<FormValidity> = Symbol('form-validity');

export function provideFormValidity(): { invalidFields: ComputedRef<readonly string[]> } {
  const invalid = ref<ReadonlySet<string>>(new Set());
  provide(formValidityKey, {
    report(fieldId, valid) {
      if (valid === !invalid.value.has(fieldId)) return;
      const next = new Set(invalid.value);
      if (valid) next.delete(fieldId);
      else next.add(fieldId);
      invalid.value = next;
    },
  });
  return { invalidFields: computed(() => [...invalid.value]) };
}

export function useFieldValidity(fieldId: () => string): (valid: boolean) => void {
  const form = inject(formValidityKey, null);
  onScopeDispose(() => form?.report(fieldId(), true));
  return (valid) => form?.report(fieldId(), valid);
}
