import type { Person } from '@opengar/core';
import { el, isPupil, personXml } from './demo-feed-xml.js';
import type { FeedKind } from '../feeds/feed-schema.js';
import type { DemoDataSet } from './demo-data-set.js';

// A 1D feed says a person's level with GARPersonMEFSTAT4 (the MEF's code is its MEFSTAT4 at an école).
const levels = (p: Person) =>
  (p.mefs ?? []).map(
    (m) =>
      `<GARPersonMEFSTAT4>${el('GARStructureUAI', m.uai)}${el('GARPersonIdentifiant', p.id)}${el('GARMEFSTAT4Code', m.code)}</GARPersonMEFSTAT4>`,
  );

/**
 * The records of one kind of a primary (1D, `GAR-ENT-1D.xsd` v1.4) feed for the écoles of `data`: what differs from
 * 2D is what is absent (no GARMEF, GARMatiere, GAREleveEnseignement, GAREnsClasseMatiere or GAREnsGroupeMatiere, no
 * teacher e-mail), GARPersonMEFSTAT4 instead of GARPersonMEF, the posts as GAREnsSpecialitesPostes, and teachers in
 * their class through GARPersonGroupe.
 */
export function* records1D(
  data: Pick<DemoDataSet, 'schools' | 'people' | 'groups' | 'memberships' | 'respAff'>,
  kind: FeedKind,
): Generator<string> {
  switch (kind) {
    case 'Etab':
      for (const s of data.schools)
        yield `<GAREtab>${
          el('GARStructureUAI', s.uai) + el('GARStructureNomCourant', s.name) + el('GARStructureContrat', 'PU')
        }${s.contactEmail ? el('GARStructureEmail', s.contactEmail) : ''}</GAREtab>`;
      return;
    case 'Eleve': {
      const pupils = data.people.filter(isPupil);
      for (const p of pupils) yield `<GAREleve>${personXml(p, '')}</GAREleve>`;
      for (const p of pupils) yield* levels(p);
      return;
    }
    case 'Enseignant': {
      const staff = data.people.filter((p) => !isPupil(p));
      for (const p of staff) {
        const uais = [...new Set(p.profiles.map((x) => x.uai))];
        const posts = uais
          .map(
            (u) =>
              `<GAREnsSpecialitesPostes>${el('GARStructureUAI', u)}${el('GAREnsSpecialitePosteCode', 'ECOLE')}</GAREnsSpecialitesPostes>`,
          )
          .join('');
        yield `<GAREnseignant>${personXml(p, posts)}</GAREnseignant>`;
      }
      for (const p of staff) yield* levels(p);
      return;
    }
    case 'Groupe':
      for (const g of data.groups)
        yield `<GARGroupe>${
          el('GARGroupeCode', g.code) + el('GARStructureUAI', g.uai) + el('GARGroupeLibelle', g.label)
        }${el('GARGroupeStatut', g.status)}</GARGroupe>`;
      for (const m of data.memberships)
        yield `<GARPersonGroupe>${el('GARStructureUAI', m.uai)}${el('GARPersonIdentifiant', m.personId)}${el('GARGroupeCode', m.groupCode)}</GARPersonGroupe>`;
      return;
    case 'RespAff': {
      const byId = new Map(data.people.map((p) => [p.id, p]));
      for (const r of data.respAff) {
        const p = byId.get(r.personId);
        if (!p || !r.email) continue;
        const names = el('GARPersonNom', p.lastName) + el('GARPersonPrenom', p.firstName);
        const civility = p.civility ? el('GARPersonCivilite', p.civility) : '';
        const schools = r.uais.map((u) => el('GARRespAffEtab', u)).join('');
        yield `<GARRespAff>${el('GARPersonIdentifiant', r.personId)}${names}${civility}${el('GARPersonMail', r.email)}${schools}</GARRespAff>`;
      }
      return;
    }
  }
}
