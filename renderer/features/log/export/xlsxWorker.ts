import { xlsxJobReceiver } from './xlsxJob';
import type { XlsxJobInput } from './xlsxJobMessages';

/*
 * The XLSX export's Web Worker (started by buildLogXlsxInWorker). exceljs writes the zip in
 * one call of ~20 s for 100,000 entries (bench/RESULTS.md §6); here that call blocks only
 * this thread, so the window keeps painting the progress bar and Cancel can terminate it.
 * (`self` is typed as a window by the renderer's DOM lib; postMessage(message, { transfer })
 * is the form both share.)
 */
const receive = xlsxJobReceiver((message, transfer = []) => self.postMessage(message, { transfer }));
self.onmessage = (event: MessageEvent<XlsxJobInput>) => {
  void receive(event.data);
};
