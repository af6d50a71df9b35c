import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import './styles/theme.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { currentLocale, i18n } from './i18n';
import { installAccessGuard } from './access/access.guard';
import { reloadWhenLazyPartFails } from './lazy-reload';
import { prefetchNational } from './map/map-data';
import { router } from './router';

document.documentElement.lang = currentLocale();
reloadWhenLazyPartFails();
if (router.resolve(window.location.pathname).meta.map) prefetchNational();

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
// who we are is asked before the first screen; the guard connects the socket once someone is signed in (or a wall)
installAccessGuard(router);
app.use(router);
app.mount('#app');
