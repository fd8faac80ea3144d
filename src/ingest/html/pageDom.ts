/** The parts of a linkedom DOM the page reader uses. */
export interface DomElement {
  tagName: string;
  textContent: string | null;
  parentElement: DomElement | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  contains(other: DomElement): boolean;
  remove(): void;
}

/** The blocks a body is cut into. */
const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, figcaption, dt, dd';

/** The texts of the blocks under `root` that hold no other block, in document order, whitespace collapsed, empty ones left out. */
export function leafBlockTexts(root: DomElement): string[] {
  return [...root.querySelectorAll(BLOCKS)]
    .filter((block) => block.querySelector(BLOCKS) === null)
    .map((block) => (block.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter((text) => text !== '');
}
