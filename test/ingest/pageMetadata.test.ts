/**
 * The metadata pages carry (issue 22, item 3): the publication day and the byline from
 * every place publishers write them, each case a page made here.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { readPageMetadata, type MetadataDocument } from '../../src/ingest/html/pageMetadata.js';

function metadataOf(head: string, body = '', url?: string) {
  const { document } = parseHTML(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
  return readPageMetadata(document as unknown as MetadataDocument, url);
}

const jsonLd = (value: unknown) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

describe('GIVEN a page that dates its article', () => {
  it.each([
    ['JSON-LD in a @graph', jsonLd({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage' }, { '@type': 'NewsArticle', datePublished: '2019-11-19T08:00:00-05:00' }] }), '', undefined],
    ['JSON-LD in an array', jsonLd([{ '@type': 'Organization', name: 'X' }, { '@type': ['NewsArticle'], datePublished: '2019-11-19' }]), '', undefined],
    ['JSON-LD wrapped in CDATA', `<script type="application/ld+json"><![CDATA[${JSON.stringify({ '@type': 'Article', datePublished: '2019-11-19T06:00' })}]]></script>`, '', undefined],
    ['article:published_time', '<meta property="article:published_time" content="2019-11-19T10:00:00+01:00">', '', undefined],
    ['og:article:published_time', '<meta property="og:article:published_time" content="2019-11-19">', '', undefined],
    ['parsely-pub-date', '<meta name="parsely-pub-date" content="2019-11-19T10:00:00Z">', '', undefined],
    ['sailthru.date', '<meta name="sailthru.date" content="2019-11-19 10:00:00">', '', undefined],
    ['dc.date', '<meta name="DC.date" content="2019-11-19">', '', undefined],
    ['itemprop="datePublished"', '', '<span itemprop="datePublished" content="2019-11-19T10:00:00-08:00">Nov 19</span>', undefined],
    ['a <time> in the article\'s header', '', '<aside><time datetime="2021-01-01">New Year</time></aside><article><header><time datetime="2019-11-19T09:00">Nov. 19</time></header><p>Text</p></article>', undefined],
    ['the URL path /2019/11/19/', '', '', 'https://news.example/world/2019/11/19/talks-resume'],
    ['the URL path /2019-11-19-', '', '', 'https://news.example/world/2019-11-19-talks-resume.html'],
  ])('in %s THEN its date is that day', (_, head, body, url) => {
    expect(metadataOf(head, body, url).date).toBe('2019-11-19');
  });

  it('GIVEN the same moment in UTC (JSON-LD) and in the publisher\'s time zone (a meta tag) THEN the day is the publisher\'s', () => {
    const head = jsonLd({ '@type': 'NewsArticle', dateCreated: '2017-02-24T01:18:13Z' }) + '<meta property="article:published_time" content="2017-02-23T17:18:13-08:00">';
    expect(metadataOf(head).date).toBe('2017-02-23');
  });

  it('GIVEN a URL path with no real date (/2019/13/45/) THEN no date is made up', () => {
    expect(metadataOf('', '', 'https://news.example/2019/13/45/story').date).toBeNull();
  });
});

describe('GIVEN a page that names its author', () => {
  it.each([
    ['a JSON-LD author array', jsonLd({ '@type': 'NewsArticle', author: [{ '@type': 'Person', name: 'Stella Kim' }, { '@type': 'Person', name: 'Jennifer Jett' }] }), '', 'Stella Kim, Jennifer Jett'],
    ['meta name=author', '<meta name="author" content="Jane Doe">', '', 'Jane Doe'],
    ['parsely-author', '<meta name="parsely-author" content="Jane Doe">', '', 'Jane Doe'],
    ['rel=author', '', '<p>By <a rel="author" href="/staff/jd">Jane Doe</a></p>', 'Jane Doe'],
    ['itemprop=author with a name', '', '<div itemprop="author" itemscope><span itemprop="name">Jane Doe</span><span>Staff writer</span></div>', 'Jane Doe'],
    ['a byline with a date run into it', '', '<p class="byline">by Jane Doe22 Dec 2016</p>', 'Jane Doe'],
    ['a byline with a role and a date', '', '<div class="pane-blog-byline">By Jane Doe, Senior Technologist, March 11, 2015 3:46 PM</div>', 'Jane Doe'],
  ])('in %s THEN the byline is the name', (_, head, body, byline) => {
    expect(metadataOf(head, body).byline).toBe(byline);
  });

  it('GIVEN an author meta tag holding a profile URL, and a byline element THEN the name is taken, not the URL', () => {
    expect(metadataOf('<meta property="article:author" content="https://facebook.com/janedoe">', '<span class="author">Jane Doe</span>').byline).toBe('Jane Doe');
  });
});
