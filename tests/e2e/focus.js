// Every tab stop on the page, focused in turn: does something about it change that stands
// out at least 3:1 from what surrounds it (an outline, a shadow, a border or a background)?
// Returns the tab stops that fail, each described so that it can be found.
() => {
  const SELECTOR =
    'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), ' +
    'select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
  const parse = (text) => {
    const m = text && text.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const channel = (v) => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  };
  const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const surround = (el) => {
    for (let n = el.parentElement; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  // Where the focus is drawn: the element, or for the design system's hidden radio and
  // checkbox inputs, the box drawn before their label.
  const drawn = (el) => {
    if (el.matches('.govuk-radios__input, .govuk-checkboxes__input')) {
      return [el.nextElementSibling, '::before'];
    }
    return [el, null];
  };
  const look = (el) => {
    const [target, pseudo] = drawn(el);
    const s = getComputedStyle(target, pseudo);
    return {
      outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? s.outlineColor : '',
      shadow: s.boxShadow,
      border: `${s.borderTopWidth} ${s.borderTopColor}`,
      borderColour: s.borderTopColor,
      background: s.backgroundColor,
    };
  };
  const describe = (el) =>
    `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.innerText || el.value || el.name || el.getAttribute('aria-label') || '').trim().slice(0, 40)}"`;
  const failures = [];
  let stops = 0;
  for (const el of document.querySelectorAll(SELECTOR)) {
    if (!el.getClientRects().length || el.closest('[hidden], [inert]')) continue;
    if (document.activeElement) document.activeElement.blur();
    const before = look(el);
    const box = el.getBoundingClientRect();
    el.focus({ preventScroll: true });
    if (document.activeElement !== el) continue;
    stops += 1;
    const after = look(el);
    const colours = [];
    if (after.outline) colours.push(after.outline);
    if (after.shadow !== 'none' && after.shadow !== before.shadow) {
      colours.push(...(after.shadow.match(/rgba?\([^)]+\)/g) || []));
    }
    if (after.border !== before.border) colours.push(after.borderColour);
    if (after.background !== before.background) colours.push(after.background);
    const behind = surround(drawn(el)[0]);
    const seen = colours.some((c) => {
      const p = parse(c);
      return p && p.a > 0.5 && contrast(p, behind) >= 3;
    });
    // A skip link is hidden until it has the focus: appearing is its indicator.
    const appears = box.width <= 1 || box.height <= 1;
    if (!seen && !appears) failures.push(describe(el));
    el.blur();
  }
  return { stops, failures };
}
