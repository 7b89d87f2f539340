/** The parts of the Web Speech API the young pupils' médiacentre uses (a stub in tests). */
export interface SpeechLike {
  speak(utterance: SpeechSynthesisUtterance): void;
  cancel(): void;
}

type Utterance = new (text: string) => SpeechSynthesisUtterance;

/** The browser's speech synthesis, or `undefined` when it has none (the read-aloud buttons are then not shown). */
export function speechOf(
  scope: typeof globalThis = globalThis,
): { synth: SpeechLike; Utterance: Utterance } | undefined {
  const s = scope as { speechSynthesis?: SpeechLike; SpeechSynthesisUtterance?: Utterance };
  const synth = s.speechSynthesis;
  const Utterance = s.SpeechSynthesisUtterance;
  return synth && typeof synth.speak === 'function' && typeof Utterance === 'function'
    ? { synth, Utterance }
    : undefined;
}

/**
 * Says `text` once, in `lang`, cutting off what was being said. Only ever called from a button the pupil pressed:
 * nothing is read by itself. Returns whether the browser could speak.
 */
export function readAloud(text: string, lang: string, scope: typeof globalThis = globalThis): boolean {
  const speech = speechOf(scope);
  if (!speech || !text) return false;
  try {
    speech.synth.cancel();
    const u = new speech.Utterance(text);
    u.lang = lang;
    u.rate = 0.9;
    speech.synth.speak(u);
    return true;
  } catch {
    return false;
  }
}
