import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { useAdminAction } from './use-admin-action';

/** The i18n sections whose pages issue tokens: each has created, confirmRotate, rotate, rotated, confirmRevoke, revokedDone. */
type TokenSection = 'admin.sources' | 'admin.links';

/**
 * A page of things holding a token (sources, federation links): the create form open or not, the token just issued
 * (shown once), and create / rotate / revoke — each said in the page's notice and followed by a reload of the list.
 */
export function useIssuedTokens<T extends { id: string; name: string }>(options: {
  section: TokenSection;
  action: ReturnType<typeof useAdminAction>;
  reload: () => Promise<void>;
  rotate: (id: string) => Promise<{ token: string }>;
  revoke: (id: string) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const { section, action, reload } = options;
  const creating = ref(false);
  /** A token just issued: shown once. */
  const secret = ref<{ name: string; token: string } | null>(null);

  async function created(item: T, token: string): Promise<void> {
    creating.value = false;
    secret.value = { name: item.name, token };
    action.say(t(`${section}.created`, { name: item.name }));
    await reload();
  }

  function rotate(item: T): void {
    action.ask({
      message: t(`${section}.confirmRotate`, { name: item.name }),
      label: t(`${section}.rotate`),
      run: async () => {
        const answer = await options.rotate(item.id);
        secret.value = { name: item.name, token: answer.token };
        await reload();
        return t(`${section}.rotated`, { name: item.name });
      },
    });
  }

  function revoke(item: T): void {
    action.ask({
      message: t(`${section}.confirmRevoke`, { name: item.name }),
      label: t('admin.common.revoke'),
      danger: true,
      run: async () => {
        await options.revoke(item.id);
        await reload();
        return t(`${section}.revokedDone`, { name: item.name });
      },
    });
  }

  return { creating, secret, created, rotate, revoke };
}
