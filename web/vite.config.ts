import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server of `npm start`; the dev server forwards API and probe paths to it.
const API_TARGET = process.env.GROUNDBREAK_API_TARGET ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: `${import.meta.dirname}/dist`,
    emptyOutDir: true,
    // antd + dayjs is one ~1.05 MB chunk by design (cached apart from the app; the date picker, tree
    // select and timeline of the account pages brought it past 1 MB); warn only beyond that.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Framework code changes rarely: keep it in long-cached chunks apart from the app.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/,
              priority: 30,
            },
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|@babel[\\/]runtime|@emotion|stylis|dayjs|clsx|throttle-debounce|compute-scroll-into-view|scroll-into-view-if-needed|react-is)[\\/]/,
              priority: 20,
            },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    // The string shorthand rewrites the Host header to the target's, and the API's same-origin check of
    // state-changing requests then refuses the browser's Origin (CSRF_FAILED): keep the browser's Host.
    proxy: {
      '/api': { target: API_TARGET, changeOrigin: false },
      '/healthz': { target: API_TARGET, changeOrigin: false },
      '/readyz': { target: API_TARGET, changeOrigin: false },
    },
  },
});
