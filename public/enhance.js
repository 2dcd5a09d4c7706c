// Saving without a full page reload, for browsers that run scripts.
//
// Every form of the app works as a plain HTML form post: the server answers with a redirect to
// the page and section it changed, which says what was saved (or, when refused, shows the
// message beside the field and keeps what was typed). This script sends the same post with
// fetch, follows the same redirect, and swaps the page's body for the server's answer, so the
// person stays where they were, the page does not flash, and the result is the server's own HTML.
// Without this script (or if it fails) the forms post exactly as before.
(() => {
  'use strict';

  /** Brings the swapped-in islands to life through the hook Leptos's loader leaves on window. */
  const hydrateIslands = async () => {
    const hydrateIsland = window.__hydrateIsland;
    if (typeof hydrateIsland === 'function') {
      for (const island of document.querySelectorAll('leptos-island')) {
        try {
          await hydrateIsland(island, island.dataset.component);
        } catch (error) {
          // The page still works as plain HTML; only the island's live help is missing.
          console.warn('Rebound: could not restart an interactive part', error);
        }
      }
    }
    document.body.setAttribute('data-hydrated', 'true');
  };

  /** Where to land after the swap: the field the server refused, else the saved section. */
  const land = (scrollY) => {
    const refusedField = document.querySelector('main [autofocus]');
    if (refusedField) {
      refusedField.focus();
      return;
    }
    const notice = document.querySelector('main .notice.success[data-anchor]');
    if (notice) {
      const heading = document.getElementById(notice.dataset.anchor);
      (heading ?? notice).scrollIntoView({ block: 'start' });
      notice.setAttribute('tabindex', '-1');
      notice.focus({ preventScroll: true });
      return notice.dataset.anchor;
    }
    window.scrollTo(0, scrollY);
    return undefined;
  };

  const unreachable = (form) => {
    const message = document.createElement('p');
    message.className = 'notice error';
    message.setAttribute('role', 'alert');
    message.textContent = 'Could not reach Rebound. Check your connection and try again; nothing you typed is lost.';
    form.before(message);
  };

  document.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
    if ((form.getAttribute('method') ?? 'get').toLowerCase() !== 'post') return;
    // Only the work of a signed-in person, inside the page's content: signing in and out, setup
    // and first sign-in stay plain navigations.
    if (!document.querySelector('.site-nav') || !document.getElementById('content')?.contains(form)) return;
    const action = new URL(form.action, window.location.href);
    if (action.origin !== window.location.origin || !action.pathname.startsWith('/api/')) return;
    event.preventDefault();

    const submitter = event.submitter;
    const body = new URLSearchParams(new FormData(form, submitter ?? undefined));
    form.setAttribute('aria-busy', 'true');
    submitter?.setAttribute('disabled', '');
    // Tests and scripts can tell a page in the middle of a save from a settled one.
    document.body.removeAttribute('data-hydrated');
    const scrollY = window.scrollY;
    let response;
    let html;
    try {
      response = await fetch(action, { method: 'POST', body, headers: { Accept: 'text/html' }, credentials: 'same-origin' });
      html = await response.text();
    } catch {
      form.removeAttribute('aria-busy');
      submitter?.removeAttribute('disabled');
      document.body.setAttribute('data-hydrated', 'true');
      unreachable(form);
      return;
    }
    const answer = new DOMParser().parseFromString(html, 'text/html');
    if (!answer.body || !answer.getElementById('content')) {
      // Not one of our pages (a proxy error, say): show it as the browser would.
      document.open();
      document.write(html);
      document.close();
      return;
    }
    document.title = answer.title;
    document.body.replaceChildren(...Array.from(answer.body.childNodes).map((node) => document.adoptNode(node)));
    const url = new URL(response.url);
    const anchor = land(scrollY);
    if (anchor) url.hash = anchor;
    if (url.pathname === window.location.pathname) {
      window.history.replaceState(null, '', url);
    } else {
      window.history.pushState(null, '', url);
    }
    await hydrateIslands();
  });

  // A text area says how much of its limit is used once the text is within a tenth of it, in the
  // words the server renders for a refused text (components/wording.rs, length_note). Nothing is
  // ever cut short: the server refuses an over-long text and hands it back.
  const lengthNote = (length, max) => {
    if (length > max) return `${length - max} characters over the limit of ${max}: shorten it before saving.`;
    if (length + Math.floor(max / 10) >= max) return `${length} of ${max} characters.`;
    return '';
  };
  document.addEventListener('input', (event) => {
    const area = event.target;
    if (!(area instanceof HTMLTextAreaElement) || !area.dataset.limit) return;
    const note = document.getElementById(`${area.id}-length`);
    if (note) note.textContent = lengthNote([...area.value].length, Number(area.dataset.limit));
  });

  // A page without islands gets no browser bundle (components/bundle.rs): with this script running
  // it is as interactive as it will be. On a page with islands, the bundle says so once it has run.
  if (!document.querySelector('leptos-island')) document.body.setAttribute('data-hydrated', 'true');

  // Back and forward after a swap load the page from the server, as a plain navigation would.
  window.addEventListener('popstate', () => window.location.reload());
})();
