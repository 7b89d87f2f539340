// The CLI entry: node --import tsx examples/resource-provider/src/main.ts --port 4100 --issuer … --audience …
import { start } from './start.js';

start().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
