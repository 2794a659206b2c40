import { describe, expect, it } from 'vitest';
import { html, trusted } from '../../../../src/http/console/html.js';

describe('console html templates', () => {
  it('escapes every interpolated value, including attribute quotes', () => {
    const name = `<img src=x onerror="alert(1)"> & 'x'`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;x&#39;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;x&#39;</p>',
    );
  });

  it('keeps nested fragments and trusted markup, joins arrays and drops null, undefined and false', () => {
    const items = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
    expect(
      html`<ul>
          ${items}
        </ul>
        ${null}${undefined}${false}${0}${trusted('<svg></svg>')}`.value
        .replace(/>\s+/g, '>')
        .replace(/\s+</g, '<'),
    ).toBe('<ul><li>a&lt;b</li><li>c</li></ul>0<svg></svg>');
  });
});
