import { buildPdf, layoutPdf } from '../tests/support/pdf.ts';
import { pdfText } from '../src/lib/written-input/pdf-text.server.ts';
const buf = buildPdf([[{text:'Het college onderzoek naar signalen', x:50,y:800,charSpacing:1.5},{text:'Het college onderzoek naar signalen', x:50,y:780,letterGap:2},{text:'Gewone regel met tekst.', x:50,y:760}]]);
console.log(await pdfText(buf));
console.log(await pdfText(buildPdf([[]])));
console.log(await pdfText(buildPdf([[{text:'x',x:1,y:1}]],{encrypted:true})));
console.log(await pdfText(Buffer.from('%PDF-1.4 garbage')));
console.log((await pdfText(layoutPdf(['1. Eerste punt met een lange zin die over meerdere regels loopt omdat hij echt heel erg lang is en nog langer wordt zo.', '2. Tweede.', 'Aanbeveling 3: iets'], {letterGap: 1.5}))));
