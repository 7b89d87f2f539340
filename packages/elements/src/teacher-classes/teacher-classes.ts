import type { ClassRequest, ClassResources, ClassUsage, Pin } from '@opengar/core';
import { submitLaunchForm, teacherOf, type GarMediacentreClient } from '@opengar/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ClientController } from '../shared/client-controller.js';
import { describeError } from '../shared/describe-error.js';
import { GarClientElement } from '../shared/gar-element.js';
import { GarErrorEvent, type GarErrorDetail } from '../shared/gar-error-event.js';
import type { ErrorMessageKey } from '../shared/localize.js';
import type { MediacentreLang } from '../mediacentre/localize/translation.js';
import { GarPinEvent, GarClassRequestEvent } from './events.js';
import { localize } from './localize.js';
import type { TeacherClassesTranslation } from './localize/translation.js';
import { teacherClassesStyles } from './teacher-classes.styles.js';
import { classesTable, pinForm, pinsList, requestsList, usageTable, type PinDraft } from './teacher-views.js';

/** What `<gar-teacher-classes>` shows: waiting for a client, loading, the views, an error, offline, or a refusal. */
export type TeacherClassesStatus = 'waiting' | 'loading' | 'ready' | 'error' | 'offline' | 'refused';

const DAY = 86_400_000;
// Core's PIN_NOTE_MAX and PIN_MAX_DAYS (the service enforces them); importing values from core would pull zod in.
const PIN_NOTE_MAX = 280;
const PIN_MAX_DAYS = 366;
const parisDay = (ms: number) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ms);

/**
 * A teacher's classes: the resources their divisions and groups hold (pupils who can open each, per class), the use
 * their classes make of them under the statistics' disclosure control, the resources they recommend (« épingler »)
 * with who lacks a copy, and their requests to the school's responsables with their fate.
 *
 * A recommendation grants nothing: pupils without a copy see nothing of it; the view names them so the teacher can
 * ask for them (« Demander »), which reaches the responsables' notifications.
 *
 * It takes its client from an enclosing `<gar-client-provider>`, or, alone on a page, makes one from `service-url`
 * and `getToken`.
 *
 * @summary A teacher's view of their classes' resources, recommendations and requests.
 *
 * @fires {GarPinEvent} gar-pin - After a recommendation is made or removed.
 * @fires {GarClassRequestEvent} gar-class-request - After a request is sent.
 * @fires {GarErrorEvent} gar-error - When loading, recommending, requesting or rendering fails.
 *
 * @csspart title - The heading.
 * @csspart status - The live region: loading, then what changed.
 * @csspart classes-table - Resources × classes.
 * @csspart recommend-button - Opens the recommendation form of a resource.
 * @csspart request-button - Asks the responsables for a resource for a class.
 * @csspart pin-form - The recommendation form.
 * @csspart pins - The list of recommendations; each is a `pin`, with `lacking` and `unpin-button`.
 * @csspart pin - One recommendation.
 * @csspart lacking - Who of a class lacks a copy.
 * @csspart unpin-button - Removes a recommendation.
 * @csspart usage-table - Pupils who opened each resource, per class.
 * @csspart suppressed-cell - A hidden figure (its band).
 * @csspart suppression-note - Why figures are hidden.
 * @csspart requests - The list of requests; each is a `request` with its `request-status`.
 * @csspart request - One request.
 * @csspart request-status - Its fate (`status-pending`, `status-granted`, `status-declined`).
 * @csspart table-wrapper - The scrolling box of a table.
 * @csspart empty - A "nothing yet" message.
 * @csspart error - The error, offline and refusal messages.
 *
 * @cssprop --gar-teacher-classes-background - Background (falls back to `--gar-color-surface`).
 * @cssprop --gar-teacher-classes-color - Text colour (`--gar-color-text`).
 * @cssprop --gar-teacher-classes-muted-color - Secondary text (`--gar-color-text-muted`).
 * @cssprop --gar-teacher-classes-surface - Raised surfaces (`--gar-color-surface-raised`).
 * @cssprop --gar-teacher-classes-border-color - Borders (`--gar-color-border`).
 * @cssprop --gar-teacher-classes-accent - Buttons (`--gar-color-accent`).
 * @cssprop --gar-teacher-classes-on-accent - Text on the accent (`--gar-color-on-accent`).
 * @cssprop --gar-teacher-classes-danger - Errors, declined requests (`--gar-color-danger`).
 * @cssprop --gar-teacher-classes-success - Granted requests (`--gar-color-success`).
 * @cssprop --gar-teacher-classes-focus-ring - Focus outline (`--gar-focus-ring`).
 * @cssprop --gar-teacher-classes-radius - Corner radius (`--gar-radius`).
 * @cssprop --gar-teacher-classes-gap - Spacing (`--gar-space`).
 * @cssprop --gar-teacher-classes-font-family - Font (`--gar-font-family`).
 * @cssprop --gar-teacher-classes-font-size - Base font size.
 */
export class GarTeacherClasses extends GarClientElement {
  /** The element's shadow styles (themable through its `--gar-*` custom properties and parts). */
  static override styles = teacherClassesStyles;
  static override properties = {
    uai: { reflect: true },
    now: { attribute: false },
    view: { state: true },
    data: { state: true },
    usage: { state: true },
    pins: { state: true },
    requests: { state: true },
    draft: { state: true },
    busy: { state: true },
    message: { state: true },
    errorKey: { state: true },
  };

  /** The school (UAI); default: the one the assertion names, or the person's only school. */
  uai = '';
  /** The clock (ms since epoch): the first and last days a recommendation may end. */
  now: () => number = () => Date.now();

  private view: TeacherClassesStatus = 'waiting';
  private data?: ClassResources;
  private usage?: ClassUsage;
  private pins: readonly Pin[] = [];
  private requests: readonly ClassRequest[] = [];
  private draft?: PinDraft;
  private busy = false;
  private message = '';
  private errorKey?: ErrorMessageKey;

  readonly #client = new ClientController(this, {
    waiting: () => (this.view = 'waiting'),
    unconfigured: () =>
      this.#fail('configure', new Error('no service URL'), { code: 'not-configured', messageKey: 'notConfigured' }),
  });
  readonly #localize = localize(this);
  #school = '';

  /** What the element shows now. */
  get status(): TeacherClassesStatus {
    return this.view;
  }

  /** The current language. */
  get language(): MediacentreLang {
    return this.#localize.lang;
  }

  get #t(): TeacherClassesTranslation {
    return this.#localize.t;
  }

  /** Loads everything again. */
  async reload(): Promise<void> {
    await this.#client.run((client, signal) => this.#read(client, signal));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.#client.sync(changed, changed.has('uai') && this.uai !== this.#school) && this.#client.active)
      void this.reload();
  }

  async #read(client: GarMediacentreClient, signal: AbortSignal): Promise<void> {
    this.view = 'loading';
    try {
      this.#school = this.uai || (await client.resources(undefined, { signal })).school.uai;
      const teacher = teacherOf(client);
      const [data, usage, pins, requests] = await Promise.all([
        teacher.classes(this.#school, { signal }),
        teacher.usage(this.#school, { signal }),
        teacher.pins(this.#school, { signal }),
        teacher.requests(this.#school, { signal }),
      ]);
      if (signal.aborted) return;
      Object.assign(this, { data, usage, pins, requests });
      this.view = 'ready';
    } catch (error) {
      if (!signal.aborted) this.#fail('load', error);
    }
  }

  #fail(operation: GarErrorDetail['operation'], error: unknown, described = describeError(error)): void {
    const message = this.#t.errors[described.messageKey];
    if (operation === 'load' || operation === 'configure' || operation === 'render') {
      this.errorKey = described.messageKey;
      this.view =
        described.messageKey === 'forbidden'
          ? 'refused'
          : described.messageKey === 'offline' || (typeof navigator === 'object' && navigator.onLine === false)
            ? 'offline'
            : 'error';
    } else this.message = message;
    this.dispatchEvent(
      new GarErrorEvent({ operation, code: described.code, messageKey: described.messageKey, message, error }),
    );
  }

  get #pending(): ReadonlySet<string> {
    return new Set(
      this.requests.filter((r) => r.status === 'pending').map((r) => `${r.resourceId}\u0000${r.groupCode}`),
    );
  }

  async #recommend(resourceId: string, name: string, deepLinking = false): Promise<void> {
    this.message = '';
    const until = parisDay(this.now() + 14 * DAY);
    this.draft = { resourceId, name, codes: [], note: '', until, ...(deepLinking ? { deepLinking } : {}) };
    await this.updateComplete;
    (this.renderRoot as ShadowRoot).querySelector<HTMLElement>('#pin-form-title')?.focus();
  }

  async #submitPin(): Promise<void> {
    const client = this.#client.active;
    const draft = this.draft;
    if (!client || !draft || this.busy) return;
    if (draft.codes.length === 0) {
      this.draft = { ...draft, invalid: true };
      return;
    }
    this.busy = true;
    try {
      const note = draft.note.trim();
      const teacher = teacherOf(client);
      const pin = await teacher.pin({
        uai: this.#school,
        resourceId: draft.resourceId,
        groupCodes: [...draft.codes],
        until: draft.until,
        ...(note ? { note } : {}),
      });
      this.pins = [pin, ...this.pins];
      this.draft = undefined;
      this.message = this.#t.pinned(draft.name);
      this.dispatchEvent(new GarPinEvent({ action: 'pinned', pin }));
    } catch (error) {
      this.#fail('pin', error);
    } finally {
      this.busy = false;
    }
  }

  /**
   * LTI Deep Linking: the resource's own picker chooses the page; the service makes the pin when the tool answers.
   * A top-level form (as a launch), since the tool and the service talk through the browser.
   */
  async #pickPage(): Promise<void> {
    const client = this.#client.active;
    const draft = this.draft;
    if (!client || !draft || this.busy) return;
    if (draft.codes.length !== 1) {
      this.draft = { ...draft, pickInvalid: true };
      return;
    }
    this.busy = true;
    try {
      const launchUrl = new URL(
        'lti/deep-linking/start',
        client.baseUrl.endsWith('/') ? client.baseUrl : `${client.baseUrl}/`,
      ).href;
      const form = await client.launchForm(draft.resourceId, this.#school, { launchUrl });
      const note = draft.note.trim();
      const fields = { ...form.fields, group: draft.codes[0]!, until: draft.until, ...(note ? { note } : {}) };
      submitLaunchForm({ ...form, fields });
    } catch (error) {
      this.#fail('pin', error);
    } finally {
      this.busy = false;
    }
  }

  async #unpin(id: string): Promise<void> {
    const client = this.#client.active;
    const pin = this.pins.find((p) => p.id === id);
    if (!client || !pin) return;
    try {
      await teacherOf(client).unpin(this.#school, id);
      this.pins = this.pins.filter((p) => p.id !== id);
      this.dispatchEvent(new GarPinEvent({ action: 'removed', pin }));
    } catch (error) {
      this.#fail('pin', error);
    }
  }

  async #request(resourceId: string, groupCode: string): Promise<void> {
    const client = this.#client.active;
    if (!client) return;
    try {
      const request = await teacherOf(client).request({ uai: this.#school, resourceId, groupCode });
      this.requests = [request, ...this.requests];
      this.message = this.#t.sent(request.resourceName, request.groupLabel);
      this.dispatchEvent(new GarClassRequestEvent({ request }));
    } catch (error) {
      this.#fail('request', error);
    }
  }

  protected override render(): TemplateResult {
    try {
      return this.#renderView();
    } catch (error) {
      queueMicrotask(() => this.#fail('render', error));
      return html`<div class="message error" part="error" role="alert"><p>${this.#t.errors.generic}</p></div>`;
    }
  }

  #renderView(): TemplateResult {
    const t = this.#t;
    const status = this.view === 'loading' || this.view === 'waiting' ? t.loading : this.message;
    return html`<div lang=${this.language}>
      <h2 part="title">${t.title}</h2>
      <p class="status notice" part="status" role="status">${status}</p>
      ${this.#renderBody()}
    </div>`;
  }

  #renderBody(): TemplateResult | typeof nothing {
    const t = this.#t;
    if (this.view === 'error' || this.view === 'offline' || this.view === 'refused')
      return html`<div class="message error" part="error">
        <h3>${this.view === 'offline' ? t.offlineTitle : t.errorTitle}</h3>
        <p>${this.view === 'refused' ? t.notATeacher : t.errors[this.errorKey ?? 'generic']}</p>
        ${this.#client.active ? html`<button class="button primary" @click=${() => this.reload()}>${t.retry}</button>` : nothing}
      </div>`;
    const data = this.data;
    if (this.view !== 'ready' || !data) return nothing;
    const pending = this.#pending;
    const request = (resourceId: string, code: string) => void this.#request(resourceId, code);
    const now = this.now();
    return html`<section aria-labelledby="classes-title">
        <h3 id="classes-title">${t.classesTitle}</h3>
        ${classesTable({ t, data, pending, onRecommend: (id, name, dl) => void this.#recommend(id, name, dl), onRequest: request })}
        ${
          this.draft
            ? pinForm({
                t,
                draft: this.draft,
                classes: data.classes,
                noteMax: PIN_NOTE_MAX,
                today: parisDay(now),
                lastDay: parisDay(now + PIN_MAX_DAYS * DAY),
                busy: this.busy,
                onChange: (update) => {
                  if (this.draft) this.draft = update(this.draft);
                },
                onSubmit: () => void this.#submitPin(),
                onCancel: () => (this.draft = undefined),
                onPickPage: () => void this.#pickPage(),
              })
            : nothing
        }
      </section>
      <section aria-labelledby="pins-title">
        <h3 id="pins-title">${t.pinsTitle}</h3>
        ${pinsList({ t, pins: this.pins, pending, onUnpin: (id) => void this.#unpin(id), onRequest: request })}
      </section>
      <section aria-labelledby="usage-title">
        <h3 id="usage-title">${t.usageTitle}</h3>
        ${this.usage ? usageTable(t, this.usage) : nothing}
      </section>
      <section aria-labelledby="requests-title">
        <h3 id="requests-title">${t.requestsTitle}</h3>
        ${requestsList(t, this.requests)}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gar-teacher-classes': GarTeacherClasses;
  }
}
