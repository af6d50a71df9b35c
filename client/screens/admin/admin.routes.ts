import type { RouteRecordRaw } from 'vue-router';

/** The admin desk pages (DESIGN §9): admins only, checked by the access guard and by the server. */
export const adminRoutes: RouteRecordRaw[] = [
  { path: '/admin', redirect: '/admin/users' },
  { path: '/admin/users', name: 'admin-users', component: () => import('./AdminUsers.vue'), meta: { admin: true } },
  { path: '/admin/sources', name: 'admin-sources', component: () => import('./AdminSources.vue'), meta: { admin: true } },
  { path: '/admin/links', name: 'admin-links', component: () => import('./AdminLinks.vue'), meta: { admin: true } },
  { path: '/admin/connectors', name: 'admin-connectors', component: () => import('./AdminConnectors.vue'), meta: { admin: true } },
  { path: '/admin/displays', name: 'admin-displays', component: () => import('./AdminDisplays.vue'), meta: { admin: true } },
  { path: '/admin/audit', name: 'admin-audit', component: () => import('./AdminAudit.vue'), meta: { admin: true } },
  {
    path: '/admin/contact-points',
    name: 'admin-contact-points',
    component: () => import('./AdminContactPoints.vue'),
    meta: { admin: true },
  },
];

/** The admin pages in the order of their navigation, with the i18n key of each name. */
export const ADMIN_NAV = [
  { to: '/admin/users', label: 'admin.nav.users' },
  { to: '/admin/sources', label: 'admin.nav.sources' },
  { to: '/admin/links', label: 'admin.nav.links' },
  { to: '/admin/connectors', label: 'admin.nav.connectors' },
  { to: '/admin/displays', label: 'admin.nav.displays' },
  { to: '/admin/audit', label: 'admin.nav.audit' },
  { to: '/admin/contact-points', label: 'admin.nav.contactPoints' },
] as const;
