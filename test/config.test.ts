import { describe, expect, it } from 'vitest';
import { loadCoreConfig } from '../src/index.js';

describe('the core settings', () => {
  it('GIVEN nothing set, or the old name minisearch THEN the embedded index in process, as before', () => {
    expect(loadCoreConfig({}).backend).toEqual({ kind: 'embedded' });
    expect(loadCoreConfig({ SEARCH_BACKEND: '', SPHINX_ADDRESS: '' }).backend).toEqual({ kind: 'embedded' });
    expect(loadCoreConfig({ SEARCH_BACKEND: 'minisearch' }).backend).toEqual({ kind: 'embedded' });
  });

  it('GIVEN SEARCH_BACKEND=sphinx alone THEN the shards of npm run sphinx:up', () => {
    expect(loadCoreConfig({ SEARCH_BACKEND: 'sphinx' }).backend).toEqual({ kind: 'sphinx', address: '127.0.0.1:9306', shards: ['127.0.0.1:9306', '127.0.0.1:9307'], index: 'archivist' });
  });

  it('GIVEN a cluster THEN its address, shards in order and index name', () => {
    const env = { SEARCH_BACKEND: 'sphinx', SPHINX_ADDRESS: 'search-a:9306', SPHINX_SHARDS: 'search-a:9306, search-b:9306,search-c:9306', SPHINX_INDEX: 'news' };
    expect(loadCoreConfig(env).backend).toEqual({ kind: 'sphinx', address: 'search-a:9306', shards: ['search-a:9306', 'search-b:9306', 'search-c:9306'], index: 'news' });
  });

  it.each([
    [{ SEARCH_BACKEND: 'solr' }, /SEARCH_BACKEND/],
    [{ SPHINX_ADDRESS: 'search-a' }, /SPHINX_ADDRESS: must be host:port/],
    [{ SPHINX_SHARDS: 'a:9306;b:9306' }, /SPHINX_SHARDS/],
    [{ SPHINX_INDEX: 'news-index' }, /SPHINX_INDEX/],
  ])('GIVEN %o THEN start-up stops naming the setting', (env, message) => {
    expect(() => loadCoreConfig(env)).toThrow(message);
  });

  it('GIVEN editors as bare Slack and Discord ids, separated by commas or spaces THEN each is an editor', () => {
    expect(loadCoreConfig({ ARCHIVIST_EDITORS: 'U0123ABCD, W0EDITOR2 123456789012345678' }).links.editors).toEqual(['U0123ABCD', 'W0EDITOR2', '123456789012345678']);
  });

  it.each([
    ['<@U1>, "U2"', '"<@U1>"'],
    ['U1;U2', '"U1;U2"'],
    ['U0123ABCD, @alice', '"@alice"'],
    ['u0123abcd', '"u0123abcd"'],
  ])('GIVEN ARCHIVIST_EDITORS=%s THEN start-up stops with one line naming the entry that is not an id', (editors, named) => {
    expect(() => loadCoreConfig({ ARCHIVIST_EDITORS: editors })).toThrow(`Invalid setting ARCHIVIST_EDITORS: ${named} is not a Slack user id`);
  });
});
