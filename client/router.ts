import { createRouter, createWebHistory } from 'vue-router';
import NationalOverview from './views/NationalOverview.vue';
import { adminRoutes } from './views/admin/admin.routes';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'national', component: NationalOverview },
    { path: '/province/:code', name: 'province', component: () => import('./views/ProvinceOverview.vue') },
    { path: '/rankings', name: 'rankings', component: () => import('./views/RankingsScene.vue') },
    { path: '/nq214', name: 'nq214', component: () => import('./views/Nq214Scene.vue') },
    { path: '/feeds', name: 'feeds', component: () => import('./views/FeedsScene.vue') },
    { path: '/wall', name: 'wall', component: () => import('./views/WallScreen.vue') },
    { path: '/alerts', name: 'alerts', component: () => import('./views/AlertsPage.vue') },
    { path: '/alerts/rules', name: 'alert-rules', component: () => import('./views/AlertRulesPage.vue') },
    { path: '/login', name: 'login', component: () => import('./views/LoginPage.vue'), meta: { public: true } },
    { path: '/forbidden', name: 'forbidden', component: () => import('./views/ForbiddenPage.vue') },
    ...adminRoutes,
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
});
