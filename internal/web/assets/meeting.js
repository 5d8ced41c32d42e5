// A meeting as the pages show it: as an item of a list (a MeetingSummary)
// and whole (a StoredMeeting, with delegations, ceremonies, agreements,
// child meetings and sources).

import { h, dateElement, label, countryName, languageName, plural } from './format.js';

/** An <li> for a meeting summary; href(id) gives the link to its page. */
export function summaryItem(m, href) {
  const heads = (m.heads || []).map((x) => `${x.name} (${countryName(x.country)})`);
  return h('li', { 'data-meeting': m.id },
    h('article', {},
      h('h3', {}, h('a', { href: href(m.id), 'data-nav': '' }, m.title)),
      h('p', { class: 'meta' },
        dateElement(m.date),
        h('span', {}, label(m.kind)),
        m.city || m.host_country
          ? h('span', {}, [m.city, m.host_country && `hosted by ${countryName(m.host_country)}`].filter(Boolean).join(', '))
          : null,
        h('span', {}, (m.countries || []).map(countryName).join(' – '))),
      heads.length ? h('p', { class: 'meta' }, h('span', {}, `Led by ${heads.join(' and ')}`)) : null,
      m.agreements?.length ? h('p', { class: 'meta' }, h('span', {}, `Signed: ${m.agreements.join('; ')}`)) : null,
      m.series ? h('p', { class: 'meta' }, h('span', {}, seriesText(m.series))) : null,
      m.topics?.length ? h('ul', { class: 'chips', 'aria-label': 'Topics' }, m.topics.map((t) => h('li', {}, label(t)))) : null));
}

function seriesText(sr) {
  return sr.edition ? `${ordinal(sr.edition)} ${sr.name}` : sr.name;
}

function ordinal(n) {
  const t = n % 100;
  const suffix = t >= 11 && t <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] || 'th');
  return `${n}${suffix}`;
}

/** A person as they took part: rank, name, and the position held then. */
function person(p) {
  if (!p) return h('span', { class: 'unknown' }, 'not named in the reports');
  return h('span', { class: 'person' },
    p.rank ? h('span', { class: 'rank' }, `${p.rank} `) : null,
    h('strong', {}, p.name),
    p.position ? `, ${p.position}` : null);
}

function facts(rows) {
  return h('dl', { class: 'facts' },
    rows.filter(([, v]) => v != null && v !== '' && !(Array.isArray(v) && !v.length))
      .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function place(m) {
  const parts = [m.venue, m.city, m.host_country && countryName(m.host_country)].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

function when(m) {
  return m.end_date ? [dateElement(m.date), ' to ', dateElement(m.end_date)] : dateElement(m.date);
}

function delegations(m, level) {
  return h('section', {},
    h(`h${level}`, {}, 'Delegations'),
    h('p', { class: 'hint' }, 'Ranks and positions as held at this meeting.'),
    h('div', { class: 'cards' }, m.delegations.map((d) =>
      h('div', { class: 'card', 'data-delegation': d.country },
        h(`h${level + 1}`, {}, `${countryName(d.country)}, ${d.role === 'host' ? 'hosts' : 'guests'}`),
        h('p', {}, 'Head: ', person(d.head)),
        d.members?.length
          ? [h('p', {}, 'Members:'), h('ul', { class: 'people' }, d.members.map((p) => h('li', {}, person(p))))]
          : null))));
}

function ceremonies(m, level) {
  if (!m.ceremonies?.length) return null;
  return h('section', {},
    h(`h${level}`, {}, 'Ceremonies'),
    h('ul', {}, m.ceremonies.map((c) => h('li', {},
      h('strong', {}, label(c.type)),
      c.site ? ` at ${c.site}` : null,
      c.honoured ? `, honouring ${c.honoured}` : null,
      c.award ? [`: ${c.award}`, c.recipient ? [' to ', person(c.recipient)] : null] : null,
      c.description ? h('br') : null,
      c.description ? h('span', { class: 'meta' }, c.description) : null))));
}

function agreements(m, level) {
  if (!m.agreements?.length) return null;
  return h('section', {},
    h(`h${level}`, {}, 'Agreements signed'),
    h('ul', {}, m.agreements.map((a) => h('li', {},
      h('strong', {}, a.title),
      ` (${label(a.type)}${a.period ? `, for ${a.period}` : ''})`,
      a.signed_on ? [', signed on ', dateElement(a.signed_on)] : null,
      a.parties?.length ? h('br') : null,
      a.parties?.length ? `Parties: ${a.parties.map(countryName).join(', ')}` : null,
      a.signatories?.length ? h('br') : null,
      a.signatories?.length
        ? `Signed by ${a.signatories.map((x) => x.country ? `${x.name} (${countryName(x.country)})` : x.name).join(' and ')}`
        : null))));
}

function sources(m, level) {
  return h('section', {},
    h(`h${level}`, {}, 'Sources'),
    m.sources?.length
      ? h('ul', {}, m.sources.map((x) => h('li', { lang: x.language || null },
        x.url && /^https?:\/\//.test(x.url)
          ? h('a', { href: x.url, rel: 'noopener noreferrer external' }, x.title || x.url)
          : h('strong', {}, x.title || 'Untitled report'),
        h('span', { lang: 'en' }, [
          x.outlet ? `, ${x.outlet}` : '',
          x.published_at ? ', published ' : '',
        ].join('')),
        x.published_at ? dateElement(x.published_at) : null,
        x.language ? h('span', { lang: 'en' }, ` (${languageName(x.language)})`) : null,
        x.url ? null : h('span', { lang: 'en', class: 'hint' }, 'No address is recorded for this report.'),
        x.alternate_titles?.length
          ? h('ul', { lang: 'en', 'aria-label': 'Titles in other languages' },
            x.alternate_titles.map((t) => h('li', {},
              h('span', { lang: t.language }, t.title), ` (${languageName(t.language)})`)))
          : null)))
      : h('p', { class: 'unknown' }, 'No source is recorded.'));
}

/**
 * A whole meeting. level is the heading level of its sections; links holds
 * href functions: meeting(id), list(params).
 */
export function meetingBody(m, links, level = 2, nested = false) {
  const partners = m.delegations.map((d) => d.country);
  return [
    facts([
      ['Date', when(m)],
      ['Place', place(m)],
      ['Kind', label(m.kind)],
      ['Topics', m.topics?.map(label).join(', ')],
      ['Series', m.series ? seriesText(m.series) : null],
      ['Part of', m.parent_id && !nested ? h('a', { href: links.meeting(m.parent_id), 'data-nav': '' }, 'the meeting this was held within') : null],
      ['Countries', partners.length === 2
        ? h('a', { href: links.list({ country: partners[0], partner: partners[1] }), 'data-nav': '' },
          `${partners.map(countryName).join(' and ')}: all their meetings`)
        : partners.map(countryName).join(', ')],
    ]),
    m.summary ? h('section', {}, h(`h${level}`, {}, 'Summary'), m.summary.split(/\n+/).map((p) => h('p', {}, p))) : null,
    delegations(m, level),
    ceremonies(m, level),
    agreements(m, level),
    m.child_meetings?.length
      ? h('section', {},
        h(`h${level}`, {}, `Held within this meeting (${plural(m.child_meetings.length, 'meeting')})`),
        m.child_meetings.map((c) => h('section', { class: 'child', 'data-child': c.id },
          h(`h${level + 1}`, {}, c.title),
          meetingBody(c, links, level + 2, true))))
      : null,
    m.parent_id ? null : sources(m, level),
  ];
}
