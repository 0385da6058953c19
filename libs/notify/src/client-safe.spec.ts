import { inlineStyles } from './client-safe';

describe('inlineStyles', () => {
  it('moves a style block onto the elements it styles and drops the block', () => {
    const html = '<html><head><style>p { color: #123456; }</style></head><body><p>Due today</p></body></html>';
    const inlined = inlineStyles(html);
    expect(inlined).toContain('<p style="color: #123456;">Due today</p>');
    expect(inlined).not.toContain('<style');
  });

  it('leaves an email without a style block exactly as written', () => {
    const html =
      '<p>Hello,</p><p>A check-in for <strong>Community Conversations</strong> is due today.</p><p><a href="https://r2c.example.org/cycles/1">Open the cycle</a></p>';
    expect(inlineStyles(html)).toBe(html);
  });
});
