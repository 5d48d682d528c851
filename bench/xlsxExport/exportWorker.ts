import { measureExports } from './measureExports';

/* Proves the builders run in a Web Worker (no DOM): the way to keep the window responsive during a big XLSX. */
self.onmessage = async (event: MessageEvent<number>) => {
  self.postMessage(await measureExports(event.data));
};
