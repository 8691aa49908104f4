import { defineConfig } from 'vite';

// React's JSX is compiled by Vite's built-in transform (tsconfig: "jsx": "react-jsx"); add
// @vitejs/plugin-react for Fast Refresh if you want it.
//
// The dev server listens on http://127.0.0.1:5173 exactly (strictPort): that origin must be in
// the gateway's CORS_ORIGINS, so it must not drift to another port.
export default defineConfig({
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { sourcemap: true, chunkSizeWarningLimit: 1000 },
});
