import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atomFeed } from './atom.ts';

test('an Atom feed escapes text, drops characters XML cannot carry, and is updated when its newest entry is', () => {
  const feed = atomFeed({
    id: 'https://glas.test/feed',
    title: 'Opština <Demo> & co',
    self: 'https://glas.test/feed?category=a&unit=b',
    alternate: 'https://glas.test/problems',
    updated: new Date('2026-01-01T00:00:00Z'),
    lang: 'sr-Latn',
    entries: [
      {
        id: 'https://glas.test/problems/7',
        title: 'S48-00007/26: Rupa "velika"',
        link: 'https://glas.test/problems/7',
        published: '2026-03-01T10:00:00Z',
        updated: '2026-03-02T11:00:00Z',
        summary: 'Primljeno\u0000 <b>ne</b>',
        category: 'pothole',
      },
    ],
  });
  assert.match(feed, /<title>Opština &lt;Demo&gt; &amp; co<\/title>/);
  assert.match(feed, /href="https:\/\/glas.test\/feed\?category=a&amp;unit=b"/);
  assert.match(feed, /<title>S48-00007\/26: Rupa &quot;velika&quot;<\/title>/);
  assert.match(feed, /<summary type="text">Primljeno &lt;b&gt;ne&lt;\/b&gt;<\/summary>/);
  assert.ok(!feed.includes('\u0000'));
  assert.match(
    feed,
    /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="sr-Latn">\n  <id>[^<]+<\/id>[\s\S]*<updated>2026-03-02T11:00:00.000Z<\/updated>\n  <author>/,
  );
  const empty = atomFeed({ id: 'x', title: 't', self: 's', alternate: 'a', updated: new Date('2026-01-01T00:00:00Z'), lang: 'en', entries: [] });
  assert.match(empty, /<updated>2026-01-01T00:00:00.000Z<\/updated>/);
});
