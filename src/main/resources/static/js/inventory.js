// The inventory (docs/inventory-json.md): what Kong runs, grouped by service, and where the files define it.
import {h, replace} from './dom.js';
import {anchorOf, planHref, sourceOf} from './plan.js';

export const STATUS_TEXT = {
  in_sync: 'in sync',
  differs: 'differs',
  only_in_kong: 'only in Kong',
  only_in_files: 'only in the files',
};

const GROUPS = [
  ['services', 'Services'],
  ['routes', 'Routes without a service'],
  ['consumers', 'Consumers'],
  ['upstreams', 'Upstreams'],
  ['certificates', 'Certificates'],
  ['ca_certificates', 'CA certificates'],
  ['plugins', 'Global plugins'],
  ['other', 'Other'],
];

// what lives under an entity, in the order it is listed
const CHILDREN = ['routes', 'credentials', 'targets', 'plugins'];

export function statusBadge(status) {
  return h('span', {class: `badge status-${status}`}, STATUS_TEXT[status] ?? status);
}

/** "routes/nyan.yaml:11" */
export function sourceText(source) {
  return source.line != null ? `${source.file}:${source.line}` : source.file;
}

function sourceCell(item) {
  return sourceOf(item) ?? h('span', {class: 'muted'}, 'not in the files');
}

function planCell(item) {
  if (item.change) {
    return h('a', {class: `plan-link ${item.change.action}`, href: planHref(item.anchor ?? anchorOf(item)),
      title: `The plan's ${item.change.action} of this ${item.kind}`}, item.change.action);
  }
  if (item.conflict) {
    return h('a', {class: 'plan-link conflict', href: planHref(item.anchor ?? anchorOf(item)), title: item.conflict},
        'conflict');
  }
  return h('span', {class: 'muted'}, '—');
}

function list(values) {
  return Array.isArray(values) ? values.join(' ') : values;
}

function fact(label, value) {
  if (value == null || (Array.isArray(value) && value.length === 0)) return null;
  return h('span', {class: 'fact'}, h('span', {class: 'fact-label'}, label), ' ', h('code', null, list(value)));
}

function serviceUrl(item) {
  const port = item.port != null ? `:${item.port}` : '';
  return `${item.protocol ?? 'http'}://${item.host ?? ''}${port}${item.path ?? ''}`;
}

/** The parents an entity is scoped to, but the one it is listed under. */
function parents(item) {
  return Object.entries(item.scope ?? {}).filter(([kind]) => kind !== item.placedAt)
      .map(([kind, name]) => fact(kind, name));
}

function entities(n) {
  return `${n} ${n === 1 ? 'entity' : 'entities'}`;
}

function details(item) {
  switch (item.kind) {
    case 'service':
      return [h('code', null, serviceUrl(item)), item.enabled === false ? fact('', 'disabled') : null];
    case 'route':
      return [fact('hosts', item.hosts), fact('paths', item.paths), fact('methods', item.methods),
        fact('protocols', item.protocols)];
    case 'plugin':
      return [item.enabled === false ? h('span', {class: 'badge disabled'}, 'disabled') : null,
        fact('instance', item.instance_name),
        ...parents(item)];
    case 'consumer': {
      const counts = Object.entries(item.credential_counts ?? {}).map(([kind, n]) => `${n} ${kind}`);
      return [fact('custom_id', item.custom_id), counts.length ? fact('credentials', counts.join(', ')) : null];
    }
    case 'target':
      return fact('weight', item.weight);
    case 'certificate':
      return [fact('snis', item.snis), item.cert_digest ? fact('sha256', item.cert_digest.slice(0, 16) + '…') : null];
    case 'ca_certificate':
      return item.cert_digest ? fact('sha256', item.cert_digest.slice(0, 16) + '…') : null;
    default:
      return parents(item);
  }
}

/** What the search box looks in: name, kind, hosts, paths, SNIs, the file. */
function searchText(item) {
  const words = [item.kind, item.name, item.host, item.hosts, item.paths, item.snis, item.custom_id,
    item.source?.file, item.source ? sourceText(item.source) : null];
  return words.flat().filter(v => v != null).join('\n').toLowerCase();
}

/** Flattens the tree into rows, each knowing its parent; a plugin remembers which of its parents it is listed under. */
function nodesOf(items, depth, parent, placedAt, out) {
  for (const item of items ?? []) {
    const node = {item: {...item, placedAt}, depth, parent, children: [], text: searchText(item)};
    out.push(node);
    if (parent) parent.children.push(node);
    for (const collection of CHILDREN) {
      if (Array.isArray(item[collection])) nodesOf(item[collection], depth + 1, node, item.kind, out);
    }
  }
  return out;
}

/** Elements with a space between each, so the text reads as words. */
function spaced(parts) {
  return [parts].flat().filter(p => p != null).flatMap((part, i) => (i ? [' ', part] : [part]));
}

function row(node) {
  const item = node.item;
  return h('tr', {class: `entity depth-${Math.min(node.depth, 3)}`, 'data-kind': item.kind, 'data-name': item.name,
    'data-status': item.status},
  h('th', {scope: 'row'},
      h('span', {class: 'kind'}, item.kind.replaceAll('_', ' ')), ' ',
      h('span', {class: 'name'}, item.name),
      item.managed ? null : [' ', h('span', {class: 'badge unmanaged', title:
            'kongsync does not manage it: it lacks the ownership tag'}, 'not managed')]),
  h('td', null, statusBadge(item.status)),
  h('td', {class: 'details'}, spaced(details(item))),
  h('td', null, sourceCell(item)),
  h('td', null, planCell(item)));
}

/**
 * The inventory with a search box and a status filter. {@code filter} is {query, status}; {@code onFilter} is told
 * each time they change (to keep them in the address).
 */
export function renderInventory(inventory, filter, onFilter) {
  const summary = inventory.summary ?? {};
  const root = h('div', {class: 'inventory'});
  root.append(h('p', {class: 'inventory-summary'},
      `${entities(summary.total ?? 0)}: `,
      Object.keys(STATUS_TEXT).map((status, i) => [i ? ', ' : '', h('span', {class: `count status-${status}`},
          `${summary[status] ?? 0} ${STATUS_TEXT[status]}`)])));

  const search = h('input', {id: 'inventory-search', type: 'search', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'name, host, path or file', value: filter.query ?? ''});
  const status = h('select', {id: 'inventory-status'},
      h('option', {value: ''}, 'every status'),
      Object.entries(STATUS_TEXT).map(([value, text]) => h('option', {value}, text)));
  status.value = STATUS_TEXT[filter.status] ? filter.status : '';
  const count = h('span', {id: 'inventory-count', class: 'muted', role: 'status', 'aria-live': 'polite'});
  root.append(h('div', {class: 'inventory-filter', role: 'search'},
      h('label', {for: 'inventory-search'}, 'Search'), search,
      h('label', {for: 'inventory-status'}, 'Status'), status, count));

  const warnings = Array.isArray(inventory.warnings) ? inventory.warnings : [];
  if (warnings.length) {
    root.append(h('ul', {class: 'warnings'}, warnings.map(w => h('li', {class: 'warning'},
        h('span', {class: 'warning-label'}, 'Warning'), ' ', typeof w === 'string' ? w : w.message))));
  }

  const all = [];
  const sections = [];
  for (const [group, title] of GROUPS) {
    const nodes = nodesOf(inventory[group], 0, null, null, []);
    if (nodes.length === 0) continue;
    for (const node of nodes) node.row = row(node);
    all.push(...nodes);
    const section = h('section', {class: 'inventory-group', 'data-group': group, 'aria-labelledby': `inv-${group}`},
        h('h2', {id: `inv-${group}`}, title),
        h('table', {class: 'inventory-table'},
            h('thead', null, h('tr', null, ['Entity', 'Status', 'Details', 'Defined in', 'Plan']
                .map(t => h('th', {scope: 'col'}, t)))),
            h('tbody', null, nodes.map(n => n.row))));
    sections.push({section, nodes});
    root.append(section);
  }
  const nothing = h('p', {class: 'muted nothing'}, all.length ? 'Nothing matches.' : 'Kong has nothing and the files declare nothing.');
  root.append(nothing);

  const apply = () => {
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const wanted = status.value;
    const textOk = node => words.every(w => node.text.includes(w));
    // A match shows its children (searching a service lists its routes) and its parents (for context).
    const visit = (node, parentMatched) => {
      const textMatch = textOk(node) || parentMatched;
      node.match = textMatch && (!wanted || node.item.status === wanted);
      let below = false;
      for (const child of node.children) below = visit(child, textMatch) || below;
      node.visible = node.match || below;
      return node.visible;
    };
    let shown = 0;
    for (const {section, nodes} of sections) {
      let any = false;
      for (const node of nodes.filter(n => !n.parent)) any = visit(node, false) || any;
      for (const node of nodes) {
        node.row.hidden = !node.visible;
        node.row.classList.toggle('context', node.visible && !node.match);
        if (node.match) shown++;
      }
      section.hidden = !any;
    }
    nothing.hidden = shown > 0;
    replace(count, shown === all.length ? entities(all.length) : `${shown} of ${entities(all.length)} match`);
    onFilter?.({query: search.value.trim(), status: wanted});
  };
  search.addEventListener('input', apply);
  status.addEventListener('change', apply);
  apply();
  return root;
}
