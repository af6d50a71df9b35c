import { createRouter, createWebHistory } from 'vue-router';
import NationalOverview from './screens/overview/NationalOverview.vue';
import { adminRoutes } from './screens/admin/admin.routes';
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
    { path: '/province/:code', name: 'province', component: () => import('./screens/overview/ProvinceOverview.vue'), meta: { map: true } },
    { path: '/rankings', name: 'rankings', component: () => import('./screens/boards/RankingsScene.vue') },
    { path: '/nq214', name: 'nq214', component: () => import('./screens/boards/Nq214Scene.vue') },
    { path: '/feeds', name: 'feeds', component: () => import('./screens/boards/FeedsScene.vue') },
    // a wall starts on the national map unless its first scene says otherwise
    { path: '/wall', name: 'wall', component: () => import('./screens/wall/WallScreen.vue'), meta: { map: true } },
    { path: '/alerts', name: 'alerts', component: () => import('./screens/alerts/AlertsPage.vue') },
    { path: '/alerts/rules', name: 'alert-rules', component: () => import('./screens/rules/AlertRulesPage.vue') },
    // staff only (operators and admins); runs after the access guard has loaded the session
    { path: '/upload', name: 'upload', component: () => import('./screens/upload/UploadPage.vue'), beforeEnter: (to) => !useSessionStore().loaded || useSessionStore().can('operator') || { name: 'forbidden', query: { from: to.path }, replace: true } },
    // the reports renderer's print page (docs/reports.md), and the Báo cáo desk page
    { path: '/report', name: 'report', component: () => import('./screens/reports/ReportPage.vue'), meta: { map: true } },
    { path: '/reports', name: 'reports', component: () => import('./screens/reports/ReportsPage.vue') },
    { path: '/login', name: 'login', component: () => import('./screens/sign-in/LoginPage.vue'), meta: { public: true } },
    { path: '/forbidden', name: 'forbidden', component: () => import('./screens/sign-in/ForbiddenPage.vue') },
    ...adminRoutes,
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
});
