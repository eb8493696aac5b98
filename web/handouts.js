// Draw every chart of a handout page with the Vega, Vega-Lite and vega-embed files shipped beside it.
// Each <figure class="vis"> holds its Vega-Lite spec as JSON in a <script type="application/json">,
// which is read as data, never run. Expressions are interpreted (`ast: true`), so the page needs no
// eval and its Content-Security-Policy can forbid it.
(function () {
  'use strict';

  const views = [];

  function fail(holder, message) {
    holder.dataset.state = 'failed';
    const note = document.createElement('p');
    note.className = 'vis-failed';
    note.textContent = 'This chart could not be drawn: ' + message;
    holder.replaceChildren(note);
  }

  // Vega-Lite's brush rectangles reach Vega as marks a screen reader would announce with no name;
  // they are handles for the mouse, not data, so they are kept out of the accessibility tree.
  function quietBrushes(vgSpec) {
    (function walk(marks) {
      for (const mark of marks || []) {
        if (/_brush(_bg)?$/.test(mark.name || '')) mark.aria = false;
        walk(mark.marks);
      }
    })(vgSpec.marks);
    return vgSpec;
  }

  async function draw(figure) {
    const holder = figure.querySelector('.vis-chart');
    const source = figure.querySelector('script.vis-spec');
    if (!holder || !source) return;
    if (typeof vegaEmbed !== 'function') {
      fail(holder, 'the chart library did not load.');
      return;
    }
    try {
      const spec = JSON.parse(source.textContent);
      const result = await vegaEmbed(holder, spec, {
        actions: false, // no export menu: its links lead off the page
        renderer: 'svg', // sharp when printed, and each mark is an element a test can find
        ast: true,
        patch: quietBrushes,
      });
      views.push(result.view);
      holder.dataset.state = 'drawn';
    } catch (err) {
      fail(holder, String(err && err.message ? err.message : err));
    }
  }

  // A chart or table wider than the column scrolls sideways; keyboard users need to reach it too.
  function markScrollable() {
    // A code block or printed output (`pre`) wider than the column scrolls too.
    for (const el of document.querySelectorAll('.scroll, .vis-scroll, pre')) {
      const wide = el.scrollWidth > el.clientWidth + 1;
      if (wide && !el.hasAttribute('tabindex')) {
        el.setAttribute('tabindex', '0');
        el.setAttribute('role', 'region');
        const figure = el.closest('figure.vis');
        const what = figure ? figure.dataset.label : (el.tagName === 'PRE' ? 'Code or output' : 'Table');
        el.setAttribute('aria-label', what + ' (scrolls sideways)');
      } else if (!wide && el.getAttribute('tabindex') === '0') {
        el.removeAttribute('tabindex');
        el.removeAttribute('role');
        el.removeAttribute('aria-label');
      }
    }
  }

  function start() {
    const figures = [...document.querySelectorAll('figure.vis')];
    const done = Promise.all(figures.map(draw)).then(() => {
      markScrollable();
      window.addEventListener('resize', markScrollable);
      document.documentElement.dataset.charts = 'done';
    });
    window.handouts = {views, done};
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
