import { createRouter, createWebHistory } from 'vue-router';
import NationalOverview from './views/NationalOverview.vue';
import { adminRoutes } from './views/admin/admin.routes';
import { useSessionStore } from './stores/session.store';

declare module 'vue-router' {
  interface RouteMeta {
    /** The screen opens on the national map: main.ts fetches its boundaries before the app starts. */
    map?: boolean;
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'national', component: NationalOverview, meta: { map: true } },
    { path: '/province/:code', name: 'province', component: () => import('./views/ProvinceOverview.vue'), meta: { map: true } },
    { path: '/rankings', name: 'rankings', component: () => import('./views/RankingsScene.vue') },
    { path: '/nq214', name: 'nq214', component: () => import('./views/Nq214Scene.vue') },
    { path: '/feeds', name: 'feeds', component: () => import('./views/FeedsScene.vue') },
    // a wall starts on the national map unless its first scene says otherwise
    { path: '/wall', name: 'wall', component: () => import('./views/WallScreen.vue'), meta: { map: true } },
    { path: '/alerts', name: 'alerts', component: () => import('./views/AlertsPage.vue') },
    { path: '/alerts/rules', name: 'alert-rules', component: () => import('./views/AlertRulesPage.vue') },
    // staff only (operators and admins); runs after the access guard has loaded the session
    { path: '/upload', name: 'upload', component: () => import('./views/UploadPage.vue'), beforeEnter: (to) => !useSessionStore().loaded || useSessionStore().can('operator') || { name: 'forbidden', query: { from: to.path }, replace: true } },
    // the reports renderer's print page (docs/reports.md), and the Báo cáo desk page
    { path: '/report', name: 'report', component: () => import('./views/reports/ReportPage.vue'), meta: { map: true } },
    { path: '/reports', name: 'reports', component: () => import('./views/reports/ReportsPage.vue') },
    { path: '/login', name: 'login', component: () => import('./views/LoginPage.vue'), meta: { public: true } },
    { path: '/forbidden', name: 'forbidden', component: () => import('./views/ForbiddenPage.vue') },
    ...adminRoutes,
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
});
