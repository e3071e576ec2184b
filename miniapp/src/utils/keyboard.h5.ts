/**
 * H5 only (staff use it on desktops): Taro renders `<Button>` as `<taro-button-core>` and a tappable
 * `<View role="button">` as `<taro-view-core>`, custom elements a keyboard cannot reach. This gives
 * them what a native button has — a place in the tab order, the button role, the disabled state, and
 * Enter/Space to press — for every page, present and future. (WeChat handles its own components.)
 */
const PRESSABLE = 'taro-button-core, [role="button"], [role="switch"], [role="link"]';

function mark(el: Element): void {
  if (el.localName === 'taro-button-core' && !el.hasAttribute('role')) el.setAttribute('role', 'button');
  const disabled = el.getAttribute('disabled');
  const off = disabled !== null && disabled !== 'false';
  if (el.getAttribute('tabindex') !== (off ? '-1' : '0')) el.setAttribute('tabindex', off ? '-1' : '0');
  if (el.localName === 'taro-button-core' && el.getAttribute('aria-disabled') !== String(off))
    el.setAttribute('aria-disabled', String(off));
}

export function enableKeyboardAccess(root: HTMLElement = document.body): void {
  const markAll = (node: Node) => {
    if (!(node instanceof Element)) return;
    if (node.matches(PRESSABLE)) mark(node);
    node.querySelectorAll(PRESSABLE).forEach(mark);
  };
  markAll(root);
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') markAll(r.target);
      else r.addedNodes.forEach(markAll);
    }
  }).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'role'] });
  root.addEventListener('keydown', (e) => {
    const el = e.target as HTMLElement;
    if ((e.key === 'Enter' || e.key === ' ') && el.matches?.(PRESSABLE) && el.getAttribute('tabindex') === '0') {
      e.preventDefault();
      el.click();
    }
  });
}
