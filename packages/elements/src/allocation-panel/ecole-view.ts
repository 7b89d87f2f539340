import {
  audiencesAtSchool,
  type Audience,
  type AllocationTarget,
  type ManagedSchool,
  type SchoolSubscription,
} from '@opengar/core';
import { html, nothing, type TemplateResult } from 'lit';
import { ECOLE_TEXT, type EcoleText } from './ecole-text.js';
import type { PanelChange } from './panel-changes.js';
import type { PanelHost } from './panel-host.js';

/** The école shown, when the current school is one (its feed is 1D). */
export function ecoleOf(h: Pick<PanelHost, 'schools' | 'currentUai'>): ManagedSchool | undefined {
  const school = h.schools.find((x) => x.uai === h.currentUai);
  return school?.degree === '1D' ? school : undefined;
}

/** The école texts in the panel's language. */
export function ecoleText(h: Pick<PanelHost, 't'>): EcoleText {
  return h.t.locale.startsWith('en') ? ECOLE_TEXT.en : ECOLE_TEXT.fr;
}

/** Whether an audience exists at the school shown (an école has no librarian, so no librarian pool). */
export function existsHere(h: Pick<PanelHost, 'schools' | 'currentUai'>): (audience: string) => boolean {
  const ecole = ecoleOf(h);
  return (a) => !ecole || audiencesAtSchool({ degree: '1D' }, [a as Audience]).length > 0;
}

/** The header's statement of the director's double role: manager of the école and teacher of their class. */
export function ecoleRoleView(h: PanelHost): TemplateResult | typeof nothing {
  const ecole = ecoleOf(h);
  if (!ecole || h.managerRole !== 'manager') return nothing;
  const e = ecoleText(h);
  const classes = ecole.classes ?? [];
  return html`<ul class="roles" part="roles" aria-label=${e.roleLabel}>
    <li class="flag" part="role role-director">${e.directorRole}</li>
    ${classes.length ? html`<li class="flag" part="role role-teacher">${e.teachingRole(classes.map((c) => c.label).join(', '))}</li>` : nothing}
  </ul>`;
}

/** « Donner à toutes mes classes » and « Donner à ma classe »: one click each, at an école. */
export function quickGiveView(h: PanelHost, s: SchoolSubscription): TemplateResult | typeof nothing {
  const ecole = ecoleOf(h);
  if (!ecole || !s.valid) return nothing;
  const e = ecoleText(h);
  const id = s.subscription.id;
  const mine = ecole.classes ?? [];
  // The population tab's directory (read with the school, with no search) knows the école's classes.
  const found = h.searches.population;
  const divisions =
    found.query === '' && !found.loading ? found.groups.filter((g) => g.kind === 'division').length : undefined;
  return html`<section class="quick" part="quick-give" aria-labelledby="quick-title">
    <h4 id="quick-title">${e.quickTitle}</h4>
    <div class="quick-actions">
      <div class="quick-action">
        <button class="primary" part="give-all-button" ?disabled=${h.busy} aria-describedby="give-all-hint"
          @click=${() => h.giveToClasses(id, 'all')}>${e.giveAll}</button>
        <p class="muted" id="give-all-hint">${divisions === 0 ? e.noClasses : e.giveAllHint(divisions)}</p>
      </div>
      ${
        mine.length
          ? html`<div class="quick-action">
            <button part="give-mine-button" ?disabled=${h.busy} aria-describedby="give-mine-hint"
              @click=${() => h.giveToClasses(id, 'mine')}>${e.giveMine(mine.length)}</button>
            <p class="muted" id="give-mine-hint">${e.giveMineHint(mine.map((c) => c.label).join(', '))}</p>
          </div>`
          : nothing
      }
    </div>
  </section>`;
}

/** The targets of a class: its pupils, and its teachers when the subscription covers them. */
function classTarget(code: string, audiences: readonly string[]): AllocationTarget {
  return audiences.includes('ENSEIGNANT') && audiences.includes('ELEVE')
    ? { kind: 'division', code, audiences: ['ELEVE', 'ENSEIGNANT'] }
    : audiences.includes('ELEVE') || audiences.length === 0
      ? { kind: 'division', code }
      : { kind: 'division', code, audiences: [audiences[0] as Audience] };
}

/**
 * Gives a subscription to every class of the école (`all`, the divisions read from the directory now) or to the
 * caller's own (`mine`), in one allocation: one click, undoable from the notice.
 */
export const giveToClassesChange =
  (
    h: Pick<PanelHost, 't' | 'schools' | 'currentUai' | 'subs'>,
    subscriptionId: string,
    which: 'all' | 'mine',
  ): PanelChange =>
  async (c, uai) => {
    const e = ecoleText(h);
    const sub = h.subs.find((x) => x.subscription.id === subscriptionId)?.subscription;
    const audiences = sub?.audiences ?? [];
    const classes =
      which === 'mine'
        ? (ecoleOf(h)?.classes ?? [])
        : (await c.directory(uai, { kind: 'division', limit: 200 })).groups.filter((g) => g.kind === 'division');
    // One's own class: its pupils (the director's copy, if any, is theirs to take like any staff member's).
    const whom = which === 'mine' && audiences.includes('ELEVE') ? ['ELEVE'] : audiences;
    const targets = classes.map((x) => classTarget(x.code, whom));
    const r = await c.allocate(uai, { subscriptionId, targets });
    const name = sub?.resourceLabel ?? subscriptionId;
    const people = r.granted.length + r.alreadyHolding.length;
    return {
      text:
        which === 'all'
          ? e.givenAll(name, classes.length, people)
          : e.givenMine(name, classes.map((x) => x.label).join(', '), people),
      detail: { kind: 'allocate', auditId: r.auditId, subscriptionId, targets, personIds: r.granted },
    };
  };
