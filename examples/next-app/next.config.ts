import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // The workspace packages live outside this folder (pnpm symlinks into ../../packages).
  turbopack: { root },
  outputFileTracingRoot: root,
};

export default nextConfig;
