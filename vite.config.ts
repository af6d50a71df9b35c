import vue from '@vitejs/plugin-vue';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { precompressDir } from './platform/precompress.ts';

/** Brotli and gzip copies of the built assets, served as they are (server/app.ts): no compressing per request. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'ioc-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      precompressDir(path.join(outDir, 'assets'));
    },
  };
}

// The dashboard is served by the Express server from dist/client; in development Vite proxies the API, the map files
// and the socket to a server running on 127.0.0.1:8080.
const backend = 'http://127.0.0.1:8080';

export default defineConfig({
  root: '.',
  plugins: [vue(), precompress()],
  define: {
    // vue-i18n: Composition API only, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    // MapLibre alone is ~800 kB minified; keep it and the other libraries in their own long-cached chunks.
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/maps': { target: backend, changeOrigin: false },
      '/socket.io': { target: backend, ws: true, changeOrigin: false },
    },
  },
});
