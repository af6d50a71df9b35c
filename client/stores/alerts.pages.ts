/** A page of a cursor-paged list (GET /api/v1/alerts, /api/v1/alerts/history; docs/api.md "Paging"). */
export interface PageAnswer<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Follows a paged list from `url` until its end or `max` items: one request when the list fits one page. `more`
 * says the list goes on past `max`.
 */
export async function fetchPages<T>(get: (url: string) => Promise<PageAnswer<T>>, url: string, max: number): Promise<{ items: T[]; more: boolean }> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const answer: PageAnswer<T> = await get(cursor === null ? url : `${url}&cursor=${encodeURIComponent(cursor)}`);
    items.push(...(Array.isArray(answer.items) ? answer.items : []));
    cursor = typeof answer.nextCursor === 'string' ? answer.nextCursor : null;
  } while (cursor !== null && items.length < max);
  return { items: items.slice(0, max), more: cursor !== null || items.length > max };
}
