/** Reads the duration of an ISO BMFF (.mp4) file from its movie header box (moov/mvhd). */
export function mp4DurationSeconds(file: Uint8Array): number {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const mvhd = findBox(view, 0, view.byteLength, ['moov', 'mvhd']);
  if (!mvhd) throw new Error('no moov/mvhd box: not an MP4 file');
  const version = view.getUint8(mvhd.start);
  if (version === 1) {
    const timescale = view.getUint32(mvhd.start + 20);
    return Number(view.getBigUint64(mvhd.start + 24)) / timescale;
  }
  const timescale = view.getUint32(mvhd.start + 12);
  return view.getUint32(mvhd.start + 16) / timescale;
}

/** Top-level box types in file order, e.g. ["ftyp", "moov", "free", "mdat"]. */
export function topLevelBoxes(file: Uint8Array): string[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const types: string[] = [];
  for (const box of boxes(view, 0, view.byteLength)) types.push(box.type);
  return types;
}

interface Box {
  type: string;
  /** Offset of the box's content, after its header. */
  start: number;
  end: number;
}

function* boxes(view: DataView, from: number, to: number): Generator<Box> {
  let offset = from;
  while (offset + 8 <= to) {
    let size = view.getUint32(offset);
    const type = String.fromCharCode(
      view.getUint8(offset + 4),
      view.getUint8(offset + 5),
      view.getUint8(offset + 6),
      view.getUint8(offset + 7),
    );
    let header = 8;
    if (size === 1) {
      size = Number(view.getBigUint64(offset + 8));
      header = 16;
    } else if (size === 0) size = to - offset;
    if (size < header || offset + size > to) throw new Error(`box "${type}" at ${offset} has a bad size`);
    yield { type, start: offset + header, end: offset + size };
    offset += size;
  }
}

function findBox(view: DataView, from: number, to: number, path: string[]): Box | undefined {
  const [type, ...rest] = path;
  for (const box of boxes(view, from, to)) {
    if (box.type !== type) continue;
    return rest.length === 0 ? box : findBox(view, box.start, box.end, rest);
  }
  return undefined;
}
