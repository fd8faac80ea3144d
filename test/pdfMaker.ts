/**
 * A minimal PDF writer for tests: pages of text lines placed where a layout would put
 * them (Helvetica, WinAnsi), an optional document info dictionary, and pages with no text
 * at all (what a scan looks like to a text reader). Offsets in the cross-reference table
 * are exact, so any reader takes the file as well-formed.
 */

/** One line of text on a page: its left edge and baseline in points from the bottom left, and its font size. */
export interface PdfLine {
  text: string;
  x: number;
  y: number;
  size?: number;
}

export interface PdfSpec {
  /** Each page's lines; an empty page has no text layer. */
  pages: PdfLine[][];
  /** The document info dictionary: Title, Author, CreationDate (`D:20130717…`), … */
  info?: Record<string, string>;
}

/** A PDF string literal, `(` `)` `\` escaped, other characters written as Latin-1 (WinAnsi) bytes. */
function literal(text: string): string {
  return `(${text.replace(/[\\()]/g, (mark) => `\\${mark}`)})`;
}

/** The bytes of a PDF holding `spec`. */
export function makePdf(spec: PdfSpec): Buffer {
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add('');
  const pages = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const lines of spec.pages) {
    const content = lines.map((line) => `BT /F1 ${line.size ?? 11} Tf 1 0 0 1 ${line.x} ${line.y} Tm ${literal(line.text)} Tj ET`).join('\n');
    const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${stream} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pages} 0 R >>`;
  objects[pages - 1] = `<< /Type /Pages /Kids [${kids.map((kid) => `${kid} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const info = spec.info ? add(`<< ${Object.entries(spec.info).map(([key, value]) => `/${key} ${literal(value)}`).join(' ')} >>`) : null;
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${info ? ` /Info ${info} 0 R` : ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Lays prose out as a page would: paragraphs of lines of at most `width` characters, 14 points apart, an empty line's space between paragraphs. */
export function layOut(paragraphs: string[], options: { top?: number; left?: number; width?: number } = {}): PdfLine[] {
  const { top = 720, left = 72, width = 60 } = options;
  const lines: PdfLine[] = [];
  let y = top;
  for (const paragraph of paragraphs) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line !== '' && line.length + 1 + word.length > width) {
        lines.push({ text: line, x: left, y });
        y -= 14;
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    if (line !== '') lines.push({ text: line, x: left, y });
    y -= 28;
  }
  return lines;
}
