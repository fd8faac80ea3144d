import { readArticle } from '../ingest/article.js';
import { decodeBytes } from '../ingest/decode.js';
import { previewOf, type ArticlePreview } from '../ingest/previewArticle.js';
import { fetchDocument, type FetchSettings } from './fetchDocument.js';
import { LinkError } from './linkError.js';

/**
 * Fetches a page as `addLink` would (the same address policy, size cap and time-out) and
 * reads its article, without saving anything. Never throws for a page that cannot be
 * read: the preview says why.
 */
export async function previewLink(url: string, fetch: FetchSettings): Promise<ArticlePreview> {
  try {
    const page = await fetchDocument(url.trim(), 'page', fetch);
    const decoded = decodeBytes(page.bytes, { declaredCharset: page.charset ?? undefined, html: true });
    if (decoded === null) return previewOf(null, { url: page.url }, 'it is binary, not a web page');
    const { article } = readArticle({ articleId: page.url, file: null, kind: 'html', text: decoded.text, sidecar: {} });
    return previewOf({ ...article, url: article.url ?? page.url }, { url: page.url });
  } catch (error) {
    if (error instanceof LinkError) return previewOf(null, { url: url.trim() }, error.message);
    return previewOf(null, { url: url.trim() }, `it could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
}
