import { createRouter, createWebHistory } from 'vue-router';
import NationalOverview from './views/NationalOverview.vue';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'national', component: NationalOverview },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
});
