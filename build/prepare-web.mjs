// `npm run web`'s pre-step (npm runs "preweb" first). A checkout with its build tools builds
// the bundles, so the app started is what the sources say; a built tree installed with
// `npm ci --omit=dev` has no build tools and runs the bundles it has. Plain JavaScript: this
// runs before anything is built, and never through tsx.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function hasBuildTools() {
  try {
    import.meta.resolve('electron-vite');
    return true;
  } catch {
    return false;
  }
}

if (hasBuildTools()) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  process.exit(build.status ?? 1);
}
if (!existsSync(new URL('../out/web/cli.js', import.meta.url))) {
  console.error(
    'No build to run: out/web/cli.js is missing. Install the build tools (npm install) and run npm run build.',
  );
  process.exit(1);
}
