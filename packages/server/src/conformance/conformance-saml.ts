import type { SamlCrypto } from '../handoff/saml/saml-crypto.js';
import { samlAttributes } from '../handoff/saml/saml-attributes.js';
import { SAML, samlEntityId } from '../handoff/saml/saml-names.js';
import { encryptAsync } from '../node/create-saml-crypto.js';
import { assertionXml, responseXml, samlId, type SamlResponseFields } from '../handoff/saml/saml-response-xml.js';
import type { ConformanceIssuer } from './conformance-issuer.js';
import { startSamlLogin, type SamlLogin } from './conformance-saml-login.js';
import type { CookieJar, Visit } from './conformance-visit.js';

/** The SAML 2.0 cases: `saml-control` is the valid response the service provider must accept. */
export type SamlCaseId =
  | 'saml-control'
  | 'saml-replayed'
  | 'saml-expired'
  | 'saml-not-yet-valid'
  | 'saml-wrong-audience'
  | 'saml-wrong-recipient'
  | 'saml-wrong-issuer'
  | 'saml-unsigned'
  | 'saml-unknown-key'
  | 'saml-wrapped'
  | 'saml-tampered'
  | 'saml-unsolicited'
  | 'saml-unknown-request';

/** What each SAML case is, and what to fix when the service provider accepts it. */
export const SAML_CASE_TEXT: Record<SamlCaseId, { title: string; fix: string }> = {
  'saml-control': {
    title: 'a valid signed SAML response',
    fix: 'trust the IdP metadata printed above (its entity id and certificate), with this ACS URL and entity id',
  },
  'saml-replayed': {
    title: 'the valid response posted a second time',
    fix: 'keep each assertion ID until its NotOnOrAfter and refuse it again (node-saml keeps no such cache)',
  },
  'saml-expired': {
    title: 'a response expired 9 minutes ago (NotOnOrAfter)',
    fix: 'check NotOnOrAfter of Conditions and SubjectConfirmationData, with a small clock skew',
  },
  'saml-not-yet-valid': {
    title: 'a response valid only in 9 minutes (NotBefore)',
    fix: 'check NotBefore of Conditions, with a small clock skew',
  },
  'saml-wrong-audience': {
    title: 'a response for another service provider (Audience)',
    fix: 'require the Audience to be your entity id',
  },
  'saml-wrong-recipient': {
    title: 'a response for another ACS (Destination, Recipient)',
    fix: 'require Destination and the confirmation’s Recipient to be your ACS URL (node-saml checks neither)',
  },
  'saml-wrong-issuer': {
    title: 'a response from another IdP entity (Issuer), signed by the trusted key',
    fix: 'require the Issuer of the response and the assertion to be the IdP’s entity id (node-saml does not)',
  },
  'saml-unsigned': {
    title: 'an unsigned response and assertion',
    fix: 'require a valid signature (wantAssertionsSigned, and the response’s too)',
  },
  'saml-unknown-key': {
    title: 'a response signed by a key the metadata does not publish (its certificate in KeyInfo)',
    fix: 'verify with the certificates of the IdP metadata only, never the one in KeyInfo',
  },
  'saml-wrapped': {
    title: 'signature wrapping: an injected unsigned assertion before the signed one (XSW)',
    fix: 'read only the assertion the verified signature references; refuse a response with two assertions',
  },
  'saml-tampered': {
    title: 'a valid response whose NameID and attributes were changed after signing',
    fix: 'verify the signatures before reading the NameID or any attribute',
  },
  'saml-unsolicited': {
    title: 'an unsolicited response (no InResponseTo), to an SP that signs on only when asked (--saml-login)',
    fix: 'refuse a response that answers none of your requests (node-saml: validateInResponseTo always)',
  },
  'saml-unknown-request': {
    title: 'a response InResponseTo a request the SP never sent (--saml-login)',
    fix: 'accept InResponseTo only for a request you sent and have not seen answered',
  },
};

const pseudonym = () => Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(64))).toString('hex');
const base64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');
const SIGNATURE = /<ds:Signature[\s\S]*?<\/ds:Signature>/;
const ASSERTION = /<saml:Assertion[\s\S]*<\/saml:Assertion>/;
const NAME_ID = /(<saml:NameID[^>]*>)[^<]*</;

/** What a run against one SAML service provider knows. */
export interface SamlTarget {
  /** The SP's ACS URL (HTTP-POST binding). */
  acs: string;
  /** The SP's entity id: the Audience. */
  entityId: string;
  /**
   * The SP's URL that starts a sign-on (SP-initiated only): every case then answers a fresh AuthnRequest of the SP,
   * and two cases are added (an unsolicited response, one `InResponseTo` an unknown request).
   */
  loginUrl?: string;
  /** The SP's encryption certificate (PEM): every assertion is then encrypted to it, as when the SP asked. */
  encryptTo?: string;
}

/** The fields of a fresh response (a per-case pseudonymous user), as the service's issuer would write them. */
function freshFields(
  issuer: string,
  t: SamlTarget,
  now: Date,
  over: Partial<SamlResponseFields> = {},
): SamlResponseFields {
  const ido = pseudonym();
  return {
    issuer: samlEntityId(issuer),
    responseId: samlId(),
    assertionId: samlId(),
    now,
    lifetimeS: 60,
    audience: t.entityId,
    acsUrl: t.acs,
    nameId: ido,
    attributes: samlAttributes({ IDO: ido, UAI: ['0000000A'], PRO: 'National_elv' }),
    ...over,
  };
}

/**
 * Signs as the service does (`SamlCrypto.seal`: the assertion, encrypted to the SP when it asked, then the response);
 * base64 for the POST binding.
 */
async function sealed(crypto: SamlCrypto, f: SamlResponseFields, encryptTo?: string): Promise<string> {
  return crypto.seal({
    assertion: assertionXml(f),
    wrap: (a) => responseXml(f, a),
    ...(encryptTo === undefined ? {} : { encryptTo }),
  });
}

/**
 * Encrypts every assertion of a doctored response to the SP (anyone can: it takes the SP's public certificate only),
 * as an attacker would to reach an SP that asked for encryption. Without `encryptTo`, the response as it is.
 */
async function encryptedAsAsked(xml: string, encryptTo: string | undefined): Promise<string> {
  if (encryptTo === undefined) return xml;
  const assertions = xml.match(/<saml:Assertion[\s\S]*?<\/saml:Assertion>/g) ?? [];
  for (const a of assertions) {
    const data = await encryptAsync(a, encryptTo);
    xml = xml.replace(
      a,
      () => `<saml:EncryptedAssertion xmlns:saml="${SAML.assertion}">${data}</saml:EncryptedAssertion>`,
    );
  }
  return xml;
}

/** The `SAMLResponse` (base64) of a hostile case (not `saml-control`/`saml-replayed`, which reuse the valid one). */
export async function hostileSamlResponse(
  id: Exclude<SamlCaseId, 'saml-control' | 'saml-replayed'>,
  issuer: ConformanceIssuer,
  t: SamlTarget,
  now: Date,
  inResponseTo?: string,
): Promise<string> {
  const trusted = issuer.saml.trusted;
  const at = (shiftS: number) => new Date(now.getTime() + shiftS * 1000);
  const fieldsOf = (url: string, target: SamlTarget, when: Date, over: Partial<SamlResponseFields> = {}) =>
    freshFields(url, target, when, { ...(inResponseTo === undefined ? {} : { inResponseTo }), ...over });
  switch (id) {
    case 'saml-unsolicited':
      return base64(await sealed(trusted, freshFields(issuer.url, t, now), t.encryptTo));
    case 'saml-unknown-request':
      return base64(await sealed(trusted, freshFields(issuer.url, t, now, { inResponseTo: samlId() }), t.encryptTo));
    case 'saml-expired':
      return base64(await sealed(trusted, fieldsOf(issuer.url, t, at(-600)), t.encryptTo));
    case 'saml-not-yet-valid':
      return base64(await sealed(trusted, fieldsOf(issuer.url, t, at(600)), t.encryptTo));
    case 'saml-wrong-audience':
      return base64(
        await sealed(
          trusted,
          fieldsOf(issuer.url, t, now, { audience: 'https://not-your-sp.invalid/saml' }),
          t.encryptTo,
        ),
      );
    case 'saml-wrong-recipient':
      return base64(
        await sealed(trusted, fieldsOf(issuer.url, t, now, { acsUrl: 'https://not-your-sp.invalid/acs' }), t.encryptTo),
      );
    case 'saml-wrong-issuer':
      return base64(
        await sealed(
          trusted,
          fieldsOf(issuer.url, t, now, { issuer: 'https://not-the-gar-service.invalid/saml' }),
          t.encryptTo,
        ),
      );
    case 'saml-unsigned': {
      const f = fieldsOf(issuer.url, t, now);
      return base64(await encryptedAsAsked(responseXml(f, assertionXml(f)), t.encryptTo));
    }
    case 'saml-unknown-key':
      return base64(await sealed(issuer.saml.unknown, fieldsOf(issuer.url, t, now), t.encryptTo));
    case 'saml-wrapped': {
      // The response's signature (the first one) removed, as an attacker who cannot re-sign it would; the genuine
      // signed assertion kept, and an unsigned one for someone else injected before it.
      const xml = (await sealed(trusted, fieldsOf(issuer.url, t, now))).replace(SIGNATURE, '');
      const genuine = ASSERTION.exec(xml)![0];
      const evil = genuine
        .replace(new RegExp(SIGNATURE.source, 'g'), '')
        .replace(/ ID="[^"]+"/, ` ID="${samlId()}"`)
        .replace(NAME_ID, `$1${pseudonym()}<`);
      return base64(await encryptedAsAsked(xml.replace(genuine, `${evil}${genuine}`), t.encryptTo));
    }
    case 'saml-tampered': {
      const xml = await sealed(trusted, fieldsOf(issuer.url, t, now));
      const someoneElse = pseudonym();
      const doctored = xml
        .replace(NAME_ID, `$1${someoneElse}<`)
        .replace(/(<saml:Attribute Name="IDO"[^>]*><saml:AttributeValue[^>]*>)[^<]*</, `$1${someoneElse}<`)
        .replace('>National_elv<', '>National_ens<');
      return base64(await encryptedAsAsked(doctored, t.encryptTo));
    }
  }
}

/** The hostile SAML cases, in the order they are replayed after the control and the replay. */
export const HOSTILE_SAML_CASES = [
  'saml-expired',
  'saml-not-yet-valid',
  'saml-wrong-audience',
  'saml-wrong-recipient',
  'saml-wrong-issuer',
  'saml-unsigned',
  'saml-unknown-key',
  'saml-wrapped',
  'saml-tampered',
] as const;

/**
 * Replays the SAML cases at an ACS, each as the hand-off posts it (`SAMLResponse`, HTTP-POST binding): the valid
 * response, the same again, then the hostile ones. IdP-initiated, as the médiacentre's click; with `loginUrl`, each
 * case first starts a sign-on at the SP and answers its AuthnRequest (`InResponseTo`, `RelayState`, its cookies).
 */
export async function replaySamlCases(o: {
  issuer: ConformanceIssuer;
  target: SamlTarget;
  now: () => Date;
  skip: ReadonlySet<string>;
  fetch: typeof fetch;
  timeoutMs: number;
  post: (url: string, fields: Record<string, string>, jar?: CookieJar) => Promise<Visit | Error>;
  record: (id: SamlCaseId, hostile: boolean, v: Visit | Error) => void;
}): Promise<void> {
  const { issuer, target } = o;
  const begin = async (): Promise<Partial<SamlLogin> | Error> => {
    if (target.loginUrl === undefined) return {};
    try {
      return await startSamlLogin(o.fetch, issuer.url, target.loginUrl, o.timeoutMs);
    } catch (e) {
      return e instanceof Error ? e : new Error('unknown');
    }
  };
  const send = (login: Partial<SamlLogin>, response: string) =>
    o.post(
      target.acs,
      { SAMLResponse: response, ...(login.relayState === undefined ? {} : { RelayState: login.relayState }) },
      login.jar,
    );
  const control = await begin();
  let valid: string | undefined;
  if (control instanceof Error) o.record('saml-control', false, control);
  else {
    const f = freshFields(issuer.url, target, o.now(), control.requestId ? { inResponseTo: control.requestId } : {});
    valid = base64(await sealed(issuer.saml.trusted, f, target.encryptTo));
    o.record('saml-control', false, await send(control, valid));
  }
  if (!o.skip.has('saml-replayed'))
    o.record(
      'saml-replayed',
      true,
      valid === undefined || control instanceof Error
        ? new Error('no valid response to replay')
        : await send(control, valid),
    );
  const spInitiated = target.loginUrl !== undefined;
  for (const id of [...HOSTILE_SAML_CASES, ...(spInitiated ? SP_INITIATED_CASES : [])]) {
    if (o.skip.has(id)) continue;
    const login = await begin();
    if (login instanceof Error) {
      o.record(id, true, login);
      continue;
    }
    o.record(id, true, await send(login, await hostileSamlResponse(id, issuer, target, o.now(), login.requestId)));
  }
}

/** The cases that only an SP signing on when asked must refuse (with `loginUrl`). */
export const SP_INITIATED_CASES = ['saml-unsolicited', 'saml-unknown-request'] as const;
