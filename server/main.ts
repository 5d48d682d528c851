import { fileURLToPath } from 'node:url';
import { createApp } from './http/createApp';

/** `npm run web`: serves the desk app at http://127.0.0.1:${PORT:-8787}. */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8787);
  const host = process.env.HOST ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
  const webRoot = process.env.DESK_WEB_ROOT ?? fileURLToPath(new URL('../dist/web', import.meta.url));
  const app = await createApp({ webRoot });
  const close = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ port, host });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
