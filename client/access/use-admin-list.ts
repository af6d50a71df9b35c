import { onMounted, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';

/** A list an admin page shows: loaded on mount, reloaded after each change; its failure said on the page. */
export function useAdminList<T>(fetch: () => Promise<T[]>) {
  const { t } = useI18n();
  const items = shallowRef<T[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function reload(): Promise<void> {
    loading.value = true;
    try {
      items.value = await fetch();
      error.value = null;
    } catch (e) {
      error.value = t('admin.common.loadFailed', { detail: e instanceof Error ? e.message : String(e) });
    } finally {
      loading.value = false;
    }
  }
  onMounted(reload);
  return { items, loading, error, reload };
}
