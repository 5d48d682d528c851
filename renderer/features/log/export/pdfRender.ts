import type * as PdfMakeModule from 'pdfmake/build/pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

type PdfMake = typeof PdfMakeModule;

let loading: Promise<PdfMake> | undefined;

/*
 * pdfmake's browser build with its embedded Roboto fonts (a virtual file system) works in
 * the browser and in Node alike, so one code path is tested. It is ~2 MB, so it loads on
 * the first PDF, not with the app.
 */
function loadPdfMake(): Promise<PdfMake> {
  loading ??= Promise.all([import('pdfmake/build/pdfmake'), import('pdfmake/build/vfs_fonts')]).then(([pdfMakeModule, fontsModule]) => {
    // A CommonJS build: its exports arrive as `default` under some loaders and as the module under others.
    const pdfMake = ((pdfMakeModule as { default?: PdfMake }).default ?? pdfMakeModule) as PdfMake;
    pdfMake.addVirtualFileSystem(fontsModule.default);
    return pdfMake;
  });
  return loading;
}

/** Lays out and renders a document definition to PDF bytes. */
export async function renderPdf(doc: TDocumentDefinitions): Promise<Uint8Array> {
  const pdfMake = await loadPdfMake();
  const buffer = await pdfMake.createPdf(doc).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
