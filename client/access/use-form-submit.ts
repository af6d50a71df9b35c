import { ref } from 'vue';

/**
 * An admin form's submit: once at a time (`busy` disables its button), its errors cleared first and, when `run`
 * fails, shown by the form's useFormErrors beside the fields they are about.
 */
export function useFormSubmit(form: { clear(): void; show(e: unknown): void }, run: () => Promise<void>) {
  const busy = ref(false);
  async function submit(): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    form.clear();
    try {
      await run();
    } catch (e) {
      form.show(e);
    } finally {
      busy.value = false;
    }
  }
  return { busy, submit };
}
