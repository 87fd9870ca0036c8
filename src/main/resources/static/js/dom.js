// DOM building without HTML strings: every value becomes a text node or an attribute, never markup.

/** h('a', {href: '#/plan', class: 'x'}, 'text', child, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) {
      el.addEventListener(name.slice(2), value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A timestamp in the reader's locale, the exact instant in its title. */
export function time(iso) {
  if (!iso) return h('span', {class: 'muted'}, '—');
  const date = new Date(iso);
  return h('time', {datetime: iso, title: iso}, date.toLocaleString());
}

export function duration(millis) {
  if (millis == null) return '—';
  if (millis < 1000) return `${millis} ms`;
  if (millis < 60000) return `${(millis / 1000).toFixed(1)} s`;
  const minutes = Math.floor(millis / 60000);
  return `${minutes} min ${Math.round((millis % 60000) / 1000)} s`;
}

export function shortCommit(sha) {
  return sha ? sha.slice(0, 12) : null;
}

/** A sync's result as a coloured word: succeeded, failed, running, queued. */
export function stateBadge(state) {
  return h('span', {class: `badge state-${state}`}, state);
}

export function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "2 to create, 1 to update, 0 to delete" from a plan summary or a sync's plan counts. */
export function planCounts(plan) {
  return `${plan.create} to create, ${plan.update} to update, ${plan.delete} to delete`;
}
