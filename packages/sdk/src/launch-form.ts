/**
 * What the browser posts, as a top-level form submit, to open a resource: `POST {action}` with the fields
 * `assertion`, `resource` and `uai`. The service answers with the hand-off page to the publisher.
 *
 * @example
 * ```ts
 * const form = await client.launchForm('ark:/67890/dico', '0561641E');
 * submitLaunchForm(form, { target: '_blank' });
 * ```
 */
export interface LaunchForm {
  action: string;
  method: 'post';
  fields: { assertion: string; resource: string; uai: string };
}

/**
 * Submits a {@link LaunchForm} from the page as a real top-level navigation (a hidden form, removed afterwards).
 * Returns the form element it submitted.
 *
 * @example
 * ```ts
 * submitLaunchForm(await client.launchForm(id, uai), { target: '_blank' });
 * ```
 */
export function submitLaunchForm(
  launch: LaunchForm,
  options: { target?: string; document?: Document } = {},
): HTMLFormElement {
  const doc = options.document ?? document;
  const form = doc.createElement('form');
  form.method = 'post';
  form.action = launch.action;
  form.target = options.target ?? '_self';
  form.hidden = true;
  if (form.target === '_blank') form.rel = 'noopener';
  for (const [name, value] of Object.entries(launch.fields)) {
    const input = doc.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  doc.body.append(form);
  try {
    form.submit();
  } finally {
    form.remove();
  }
  return form;
}
