import { buildPdf } from '/work/wt-advice/tests/support/pdf.ts';
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const buf = buildPdf([[{text:'Het college onderzoek naar signalen', x:50,y:800,charSpacing:1.5},{text:'Het college onderzoek naar signalen', x:50,y:780,letterGap:2},{text:'Gewone regel met tekst.', x:50,y:760}]]);
const doc = await pdfjs.getDocument({ data: new Uint8Array(buf), useSystemFonts:false, standardFontDataUrl: '/work/wt-advice/node_modules/pdfjs-dist/standard_fonts/', isEvalSupported:false }).promise;
const page = await doc.getPage(1);
const tc = await page.getTextContent();
for (const it of tc.items) console.log(JSON.stringify({s:it.str, x:it.transform?.[4]?.toFixed(1), y:it.transform?.[5], w:it.width?.toFixed(1), eol:it.hasEOL}));
