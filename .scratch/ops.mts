import { buildPdf } from '../tests/support/pdf.ts';
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
const buf = buildPdf([[{text:'Het college', x:50,y:800,charSpacing:1.5},{text:'Het co', x:50,y:780,letterGap:2},{text:'Gewone regel.', x:50,y:760}]]);
const doc = await pdfjs.getDocument({ data: new Uint8Array(buf), isEvalSupported:false, standardFontDataUrl: '/work/wt-advice/node_modules/pdfjs-dist/standard_fonts/' }).promise;
const page = await doc.getPage(1);
const ol = await page.getOperatorList();
const names = Object.fromEntries(Object.entries(pdfjs.OPS).map(([k,v])=>[v,k]));
ol.fnArray.forEach((fn,i)=>{ const a = ol.argsArray[i]; console.log(names[fn], JSON.stringify(a, (k,v)=> k==='fontChar'||k==='vmetric'||k==='accent'||k==='operatorListId'||k==='isInFont' ? undefined : v)?.slice(0,300)); });
console.log(page.view);
